/** Public surface of sign-in, sign-out and re-authentication (A1, A6). */
export { authRoutes } from './auth.routes';
