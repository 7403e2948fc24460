/** Public surface of organization invitations (A8). */
export { invitationsRoutes } from './invitations.routes';
