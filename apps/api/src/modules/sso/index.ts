/** Public surface of sign-in with external providers (A5). */
export { ssoRoutes } from './sso.routes';
