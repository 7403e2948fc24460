/** Public surface of the user's own security activity. */
export { auditRoutes } from './audit.routes';
