// Helpers for this app's integration tests (not bundled: main.ts never imports this file).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createLogger } from '@repo/observability';

export const silentLogger = createLogger({ service: 'worker-test', level: 'silent' });

/** A BullMQ prefix no other test uses, under this vitest worker's REDIS_PREFIX. */
export const uniquePrefix = (label: string) =>
  `${process.env.REDIS_PREFIX ?? 'test'}-${label}-${randomBytes(4).toString('hex')}`;

/** A port with nothing listening on it (bound, read, released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this file in the integration project`);
  return value;
}
