import { randomBytes } from 'node:crypto';

export type { DevstackEnv } from './context';
export { type CaughtMail, type MailFilter, mailbox } from './mailbox';

/**
 * The current environment as a plain record — in integration tests it holds this worker's
 * DATABASE_URL and REDIS_PREFIX plus every devstack URL. Pass it (with overrides) to an app's
 * env loader instead of mutating process.env in a test.
 */
export function testEnv(
  overrides: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return { ...process.env, ...overrides };
}

/** An address no other test uses, e.g. `uniqueEmail('owner')` → owner-lq3x9f-a1b2c3@example.test. */
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}@example.test`.toLowerCase();
}
