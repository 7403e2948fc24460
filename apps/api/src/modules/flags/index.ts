/** Public surface of feature flags (D3). */
export { flagsRoutes } from './flags.routes';
