/** Public surface of organizations and their members (A8). */
export { orgsRoutes } from './orgs.routes';
export { auditDenied, lockedActingRole, lockOrganization, roleNotAllowed, withKey } from './orgs.shared';
