import { PrismaPg } from '@prisma/adapter-pg';
import { toDatabaseError } from './errors';
import { PrismaClient } from './generated/client';

export { normalizeEmail } from './email';
export { DatabaseUnavailableError, isDatabaseUnavailable, toDatabaseError } from './errors';
export type { AuditLog, OutboxEvent, User, WaitlistEntry } from './generated/client';
export { Prisma, PrismaClient, UserRole } from './generated/client';

export interface CreateDbOptions {
  url: string;
  /** Maximum pool size (DATABASE_POOL_MAX). */
  poolMax?: number;
  /** Called when an idle pooled connection errors (e.g. server restart); defaults to ignoring it — the pool replaces the connection. */
  onPoolError?: (error: Error) => void;
}

function withUnavailableMapping(client: PrismaClient) {
  return client.$extends({
    name: 'database-unavailable',
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          throw toDatabaseError(error);
        }
      },
    },
  });
}

/**
 * Creates the Prisma client for one process (the only allowed module-level singleton is
 * the caller's). Connection failures surface as DatabaseUnavailableError so the API can
 * answer 503. Call `$disconnect()` on shutdown to end the pool.
 */
export function createDb({ url, poolMax = 10, onPoolError }: CreateDbOptions) {
  const adapter = new PrismaPg(
    { connectionString: url, max: poolMax, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 },
    { onPoolError: onPoolError ?? (() => {}) },
  );
  return withUnavailableMapping(new PrismaClient({ adapter }));
}

export type Db = ReturnType<typeof createDb>;
/** The client handed to an interactive transaction callback. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
