/** Public surface of the waitlist. */
export { waitlistRoutes } from './waitlist.routes';
