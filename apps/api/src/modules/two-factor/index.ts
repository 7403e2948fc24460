/** Public surface of two-factor authentication (A4): its routes and the steps sign-in paths share. */
export { challengeResponse, challengeRoutes } from './challenge.routes';
export { completeFirstFactor, type FirstFactorOutcome, type OpenedSession } from './challenge.service';
export { issueSession } from './issue';
export { notifyTwoFactor } from './notify';
export { revokeTrustedDevices, trustedCookieName } from './trusted-devices';
export { twoFactorRoutes } from './two-factor.routes';
