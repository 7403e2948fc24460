/** Encryption of small secrets at rest, shared by the API (TOTP keys) and the worker (webhook secrets). */
export { keyFromBase64, open, seal } from './secret-box';
