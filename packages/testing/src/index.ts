import { randomBytes } from 'node:crypto';

export type { DevstackEnv } from './context';
export { testEnv } from './env';
export { type CaughtMail, type MailFilter, mailbox } from './mailbox';
export { startWorkerProcess, type WorkerProcess } from './worker-process';

/** An address no other test uses, e.g. `uniqueEmail('owner')` → owner-lq3x9f-a1b2c3@example.test. */
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}@example.test`.toLowerCase();
}
