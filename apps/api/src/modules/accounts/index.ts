/** Public surface of the accounts module (A1, A3): what the app and other modules may use. */
export { accountsRoutes } from './accounts.routes';
export { assertPasswordPolicy, countMailingAttempt, linkTokenInvalid } from './accounts.shared';
export { passwordChanged } from './password-changed';
