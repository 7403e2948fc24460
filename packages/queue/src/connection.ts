import { Redis, type RedisOptions } from 'ioredis';

export interface CreateRedisOptions {
  /**
   * `worker`: BullMQ Workers issue blocking commands and must never give up on a request
   * (`maxRetriesPerRequest: null`, BullMQ refuses anything else). `producer`: Queues used by
   * the API and the outbox relay fail a command after a few retries so a Redis outage surfaces
   * as an error the caller can record, instead of a request that hangs forever.
   */
  role?: 'worker' | 'producer';
  /** Connection name shown by `CLIENT LIST`; helps when several processes share one Redis. */
  connectionName?: string;
  /** Defer connecting until the first command (BullMQ connects on first use). */
  lazyConnect?: boolean;
  /** Upper bound of the reconnect backoff. */
  maxReconnectDelayMs?: number;
  /** Extra ioredis options, applied last. Never set `keyPrefix`: BullMQ uses its own `prefix`. */
  extra?: RedisOptions;
}

/** Reconnect delay: 100 ms doubling up to the cap, so a restarted Redis is picked up quickly. */
export function reconnectDelay(attempt: number, capMs = 5_000): number {
  return Math.min(100 * 2 ** Math.max(0, attempt - 1), capMs);
}

/** An ioredis client configured for BullMQ (see `role`). Caller owns it and must `quit()` it. */
export function createRedis(url: string, opts: CreateRedisOptions = {}): Redis {
  const role = opts.role ?? 'worker';
  const cap = opts.maxReconnectDelayMs ?? 5_000;
  return new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    enableReadyCheck: true,
    lazyConnect: opts.lazyConnect ?? false,
    connectionName: opts.connectionName,
    retryStrategy: (times) => reconnectDelay(times, cap),
    ...opts.extra,
  });
}
