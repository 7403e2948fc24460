import type { Db } from '@repo/db';
import type { Logger } from '@repo/observability';
import type { Redis } from 'ioredis';
import type { Clock } from '../types';

/**
 * Which sessions were revoked recently enough that one of their access tokens may still be
 * alive. Every API instance keeps this set in memory, so the auth check on each request is a
 * Map lookup instead of a database read (A2: rejected within a second everywhere; ADR 0009).
 *
 * Filled from three places: this instance's own revocations (immediately, even with Redis down),
 * Redis pub/sub messages from other instances, and the database — at start and whenever the
 * subscriber reconnects, so messages missed during a Redis outage are caught up.
 * An entry can be dropped once every access token of that session has expired: after the access
 * TTL (plus a margin for clock skew between instances), no token minted before it is valid.
 */
export interface Revocations {
  isRevoked(sessionId: string): boolean;
  /** Remembers the ids locally and tells every other instance. Never throws. */
  publish(sessionIds: string[]): Promise<void>;
  /** Subscribes and loads recent revocations from the database; idempotent. */
  start(): Promise<void>;
  close(): Promise<void>;
  /** Entries currently held (tests, metrics). */
  readonly size: number;
}

export interface RevocationsOptions {
  db: Db;
  redis: Redis;
  prefix: string;
  accessTtlSeconds: number;
  clock: Clock;
  logger?: Logger;
}

/** Tolerated clock skew between instances and the database. */
const SKEW_MS = 60_000;

export const revocationChannel = (prefix: string) => `${prefix}:sessions:revoked`;

export function createRevocations(opts: RevocationsOptions): Revocations {
  const { db, redis, logger, clock } = opts;
  const channel = revocationChannel(opts.prefix);
  const keepMs = opts.accessTtlSeconds * 1000 + SKEW_MS;
  const revoked = new Map<string, number>(); // session id → drop after (epoch ms)
  let subscriber: Redis | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  let starting: Promise<void> | undefined;
  let closed = false;

  const remember = (ids: string[], at = clock.now().getTime()) => {
    for (const id of ids) revoked.set(id, Math.max(revoked.get(id) ?? 0, at + keepMs));
  };

  const sweep = () => {
    const now = clock.now().getTime();
    for (const [id, until] of revoked) if (until <= now) revoked.delete(id);
  };

  const loadRecent = async () => {
    const since = new Date(clock.now().getTime() - keepMs);
    const rows = await db.session.findMany({
      where: { revokedAt: { gte: since } },
      select: { id: true, revokedAt: true },
    });
    for (const row of rows) remember([row.id], row.revokedAt?.getTime());
  };

  // A failed catch-up is retried rather than ignored: until it succeeds, tokens of sessions
  // revoked elsewhere could pass here.
  const catchUp = async (attempt = 0): Promise<void> => {
    try {
      await loadRecent();
    } catch (error) {
      if (closed) return;
      logger?.warn({ err: error }, 'loading revoked sessions failed; retrying');
      const retry = setTimeout(() => void catchUp(attempt + 1), Math.min(500 * 2 ** attempt, 10_000));
      retry.unref();
    }
  };

  return {
    get size() {
      return revoked.size;
    },

    isRevoked(sessionId) {
      const until = revoked.get(sessionId);
      if (until === undefined) return false;
      if (until > clock.now().getTime()) return true;
      revoked.delete(sessionId);
      return false;
    },

    async publish(sessionIds) {
      if (sessionIds.length === 0) return;
      remember(sessionIds);
      try {
        await redis.publish(channel, JSON.stringify({ ids: sessionIds }));
      } catch (error) {
        // Other instances catch up from the database when their subscriber reconnects.
        logger?.warn({ err: error, count: sessionIds.length }, 'publishing session revocation failed');
      }
    },

    start() {
      starting ??= (async () => {
        const sub = redis.duplicate({ connectionName: 'api-revocations' });
        subscriber = sub;
        let connectedOnce = false;
        sub.on('error', () => {
          // The main connection already logs Redis outages; this one reconnects on its own.
        });
        sub.on('message', (ch: string, message: string) => {
          if (ch !== channel) return;
          try {
            const { ids } = JSON.parse(message) as { ids?: unknown };
            if (Array.isArray(ids)) remember(ids.filter((id): id is string => typeof id === 'string'));
          } catch {
            logger?.warn({ channel }, 'ignoring malformed revocation message');
          }
        });
        let subscribed = false;
        const subscribe = () =>
          sub.subscribe(channel).then(
            () => {
              subscribed = true;
            },
            (error: unknown) =>
              logger?.warn({ err: error }, 'revocation subscriber not connected yet; will retry'),
          );
        sub.on('ready', () => {
          // After a reconnect: what was published meanwhile is only in the database. (ioredis
          // re-subscribes by itself; a subscription that never succeeded is retried here.)
          if (connectedOnce) {
            void catchUp();
            if (!subscribed) void subscribe();
          }
          connectedOnce = true;
        });
        sweeper = setInterval(sweep, 30_000);
        sweeper.unref();
        await Promise.all([subscribe(), catchUp()]);
      })();
      return starting;
    },

    async close() {
      closed = true;
      if (sweeper) clearInterval(sweeper);
      const sub = subscriber;
      subscriber = undefined;
      if (sub) await sub.quit().catch(() => sub.disconnect());
    },
  };
}
