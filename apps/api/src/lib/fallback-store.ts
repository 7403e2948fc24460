import LocalStore from '@fastify/rate-limit/store/LocalStore.js';
import RedisStore from '@fastify/rate-limit/store/RedisStore.js';
import type { Redis } from 'ioredis';

type Result = { current: number; ttl: number };
type Callback = (err: Error | null, res?: Result) => void;

interface Store {
  incr(key: string, cb: Callback, timeWindow: number, max: number): void;
  read?(key: string, cb: Callback, timeWindow: number, max: number): void;
  child(routeOptions: RouteParams): Store;
}

/** Merged per-route params (`routeInfo`, `continueExceeding`…); passed through to the wrapped stores. */
type RouteParams = object;

/**
 * Rate-limit store that uses Redis (shared across API instances) while it answers and falls back
 * to a per-process in-memory limiter when it does not. Limits never fail open: with Redis down
 * each instance enforces the limit on its own (N instances ⇒ up to N× the limit), which is a
 * degradation we accept over either rejecting everything or limiting nothing (ADR 0004).
 *
 * The Redis client must be created with `enableOfflineQueue: false` and a short `commandTimeout`
 * so that a dead or hung Redis turns into an immediate error here rather than a stalled request.
 */
export function createFallbackStore(redis: Redis, prefix: string, onFallback: (error: Error) => void) {
  class FallbackStore implements Store {
    constructor(
      private readonly remote: Store,
      private readonly local: Store,
    ) {}

    private run(method: 'incr' | 'read', key: string, cb: Callback, timeWindow: number, max: number) {
      const local = () => this.local[method]!(key, cb, timeWindow, max);
      // Not connected: skip the round-trip (it would fail anyway) and limit locally.
      if (redis.status !== 'ready') return local();
      this.remote[method]!(
        key,
        (err, res) => {
          if (err) {
            onFallback(err);
            return local();
          }
          cb(null, res);
        },
        timeWindow,
        max,
      );
    }

    incr(key: string, cb: Callback, timeWindow: number, max: number) {
      this.run('incr', key, cb, timeWindow, max);
    }

    read(key: string, cb: Callback, timeWindow: number, max: number) {
      this.run('read', key, cb, timeWindow, max);
    }

    child(routeOptions: RouteParams): Store {
      return new FallbackStore(this.remote.child(routeOptions), this.local.child(routeOptions));
    }
  }

  // @fastify/rate-limit instantiates the store itself: `new Store(globalParams)`.
  return class extends FallbackStore {
    constructor(params: { continueExceeding?: boolean; exponentialBackoff?: boolean }) {
      const { continueExceeding = false, exponentialBackoff = false } = params;
      super(
        new RedisStore(continueExceeding, exponentialBackoff, redis, prefix),
        new LocalStore(continueExceeding, exponentialBackoff, 10_000),
      );
    }
  };
}
