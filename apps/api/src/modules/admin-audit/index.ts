/** Public surface of the admin audit-log viewer (D4). */
export { adminAuditRoutes } from './admin-audit.routes';
