/** Public surface of the API's own metadata. */
export { metaRoutes } from './meta.routes';
