/** Public surface of the signed-in user's own account (F6). */
export { profileRoutes } from './profile.routes';
