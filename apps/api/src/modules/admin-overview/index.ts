/** Public surface of the admin overview (D6). */
export { adminOverviewRoutes } from './admin-overview.routes';
