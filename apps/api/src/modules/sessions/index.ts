/** Public surface of sessions (A2): opening, refreshing, revoking and signing them out. */
export { rotateRefreshToken } from './refresh.service';
export { sessionsRoutes } from './sessions.routes';
export {
  type CreatedSession,
  createSession,
  insertRefreshToken,
  revokeSessions,
  revokeUserSessions,
} from './sessions.service';
export { signOut } from './sign-out.service';
