/** Public surface of admin impersonation (D1, ADR 0019). */

export { impersonationRoutes } from './impersonation.routes';
export { impersonationOf } from './impersonation.service';
export { signOutImpersonation } from './sign-out';
