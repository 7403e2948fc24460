import { once } from 'node:events';
import type { Redis } from 'ioredis';

/** One counted subject (an action × IP, or an action × account). */
export interface Counter {
  /** Failures (or attempts) in the current window. */
  n: number;
  /** Epoch ms of the latest failure, 0 if none. */
  last: number;
  /** Attempts let through and not yet resolved (recordFailure/recordSuccess). */
  pending: number;
  /** Ms until the window resets; 0 when there is no window. */
  ttlMs: number;
}

/**
 * The few atomic operations brute-force.ts needs, implemented on Redis (shared by every API
 * instance) and in memory (the per-process fallback). Windows are fixed: they start at the first
 * failure and end `windowMs` later.
 */
export interface BruteForceStore {
  /** Registers an attempt in flight (expires after `pendingTtlMs`) and reads the counter. */
  acquire(key: string, pendingTtlMs: number): Promise<Counter>;
  /** Reads the counter without registering anything. */
  peek(key: string): Promise<Counter>;
  release(key: string): Promise<void>;
  /** Counts one failure/attempt at `nowMs`, optionally resolving an attempt in flight. */
  fail(key: string, windowMs: number, nowMs: number, release: boolean): Promise<Counter>;
  clear(keys: string[]): Promise<void>;
  /** Sets the lock unless one exists (so exactly one caller sees the lock transition). */
  lock(key: string, untilMs: number, ttlMs: number): Promise<boolean>;
  lockedUntil(key: string): Promise<number | null>;
}

const pendingKey = (key: string) => `${key}:p`;

const FAIL_SCRIPT = `
local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
redis.call('HSET', KEYS[1], 'last', ARGV[2])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local p = 0
if ARGV[3] == '1' then
  p = redis.call('DECR', KEYS[2])
  if p <= 0 then redis.call('DEL', KEYS[2]); p = 0 end
else
  p = tonumber(redis.call('GET', KEYS[2]) or '0')
end
return {n, redis.call('PTTL', KEYS[1]), p}`;

const RELEASE_SCRIPT = `
local p = redis.call('DECR', KEYS[1])
if p <= 0 then redis.call('DEL', KEYS[1]) end
return p`;

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v) || 0);

/** The replies of a MULTI, throwing the first command error (ioredis reports them per command). */
function replies(res: [Error | null, unknown][] | null): unknown[] {
  if (!res) throw new Error('brute-force: transaction aborted');
  return res.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}

export function redisStore(redis: Redis): BruteForceStore {
  return {
    async acquire(key, pendingTtlMs) {
      const [pending, , fields, ttl] = replies(
        await redis
          .multi()
          .incr(pendingKey(key))
          .pexpire(pendingKey(key), pendingTtlMs)
          .hmget(key, 'n', 'last')
          .pttl(key)
          .exec(),
      );
      const [n, last] = fields as [string | null, string | null];
      return { n: num(n), last: num(last), pending: num(pending), ttlMs: Math.max(0, num(ttl)) };
    },
    async peek(key) {
      const [fields, ttl, pending] = replies(
        await redis.multi().hmget(key, 'n', 'last').pttl(key).get(pendingKey(key)).exec(),
      );
      const [n, last] = fields as [string | null, string | null];
      return { n: num(n), last: num(last), pending: num(pending), ttlMs: Math.max(0, num(ttl)) };
    },
    async release(key) {
      await redis.eval(RELEASE_SCRIPT, 1, pendingKey(key));
    },
    async fail(key, windowMs, nowMs, release) {
      const [n, ttl, p] = (await redis.eval(
        FAIL_SCRIPT,
        2,
        key,
        pendingKey(key),
        windowMs,
        nowMs,
        release ? '1' : '0',
      )) as [number, number, number];
      return { n, last: nowMs, pending: p, ttlMs: Math.max(0, ttl) };
    },
    async clear(keys) {
      if (keys.length) await redis.del(...keys.flatMap((k) => [k, pendingKey(k)]));
    },
    async lock(key, untilMs, ttlMs) {
      return (await redis.set(key, String(untilMs), 'PX', ttlMs, 'NX')) === 'OK';
    },
    async lockedUntil(key) {
      const v = await redis.get(key);
      return v === null ? null : Number(v);
    },
  };
}

interface Entry {
  n: number;
  last: number;
  pending: number;
  pendingUntil: number;
  expiresAt: number;
  lock?: number;
}

/**
 * Per-process stand-in for Redis while it is unreachable. Bounded (oldest entries go first) so a
 * flood of distinct IPs or accounts cannot grow it without limit; expiry uses the wall clock like
 * Redis TTLs do.
 */
export function memoryStore(maxEntries = 20_000, wallClock: () => number = Date.now): BruteForceStore {
  const entries = new Map<string, Entry>();

  const get = (key: string): Entry | undefined => {
    const e = entries.get(key);
    if (e && e.expiresAt <= wallClock()) {
      entries.delete(key);
      return undefined;
    }
    if (e && e.pendingUntil <= wallClock()) e.pending = 0;
    return e;
  };
  const put = (key: string, e: Entry) => {
    entries.delete(key); // re-insert: Map order is then "least recently written first"
    entries.set(key, e);
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  };
  const view = (e: Entry | undefined): Counter =>
    e
      ? { n: e.n, last: e.last, pending: e.pending, ttlMs: Math.max(0, e.expiresAt - wallClock()) }
      : { n: 0, last: 0, pending: 0, ttlMs: 0 };
  const fresh = (ttlMs: number): Entry => ({
    n: 0,
    last: 0,
    pending: 0,
    pendingUntil: 0,
    expiresAt: wallClock() + ttlMs,
  });

  return {
    async acquire(key, pendingTtlMs) {
      const e = get(key) ?? fresh(pendingTtlMs);
      e.pending += 1;
      e.pendingUntil = wallClock() + pendingTtlMs;
      e.expiresAt = Math.max(e.expiresAt, e.pendingUntil);
      put(key, e);
      return view(e);
    },
    async peek(key) {
      return view(get(key));
    },
    async release(key) {
      const e = get(key);
      if (e) e.pending = Math.max(0, e.pending - 1);
    },
    async fail(key, windowMs, nowMs, release) {
      let e = get(key);
      if (!e || e.n === 0) e = { ...(e ?? fresh(windowMs)), expiresAt: wallClock() + windowMs };
      e.n += 1;
      e.last = nowMs;
      if (release) e.pending = Math.max(0, e.pending - 1);
      put(key, e);
      return view(e);
    },
    async clear(keys) {
      for (const k of keys) entries.delete(k);
    },
    async lock(key, untilMs, ttlMs) {
      if (get(key)?.lock !== undefined) return false;
      put(key, { ...fresh(ttlMs), lock: untilMs });
      return true;
    },
    async lockedUntil(key) {
      return get(key)?.lock ?? null;
    },
  };
}

/**
 * Uses Redis while it answers and the in-memory store when it does not: limits never fail open.
 * With Redis down each instance limits on its own (N instances ⇒ up to N× the limit), the same
 * degradation the global rate limiter accepts (ADR 0004). The Redis client must not queue
 * commands while disconnected (`enableOfflineQueue: false`, short `commandTimeout`).
 */
export function fallbackStore(
  redis: Redis,
  local: BruteForceStore,
  onFallback: (error: Error) => void,
): BruteForceStore {
  const remote = redisStore(redis);
  // The first requests after start-up wait briefly for the first connection, so that two fresh
  // instances share counters from their first request; later outages fall back immediately.
  let firstConnect: Promise<void> | null =
    redis.status === 'ready'
      ? null
      : Promise.race([
          once(redis, 'ready').then(() => {}),
          new Promise<void>((resolve) => setTimeout(resolve, 500).unref()),
        ]).catch(() => {});

  const run = async <T>(op: (s: BruteForceStore) => Promise<T>): Promise<T> => {
    if (firstConnect) {
      await firstConnect;
      firstConnect = null;
    }
    if (redis.status !== 'ready') return op(local);
    try {
      return await op(remote);
    } catch (error) {
      onFallback(error as Error);
      return op(local);
    }
  };

  return {
    acquire: (key, ttl) => run((s) => s.acquire(key, ttl)),
    peek: (key) => run((s) => s.peek(key)),
    release: (key) => run((s) => s.release(key)),
    fail: (key, windowMs, nowMs, release) => run((s) => s.fail(key, windowMs, nowMs, release)),
    clear: (keys) => run((s) => s.clear(keys)),
    lock: (key, until, ttl) => run((s) => s.lock(key, until, ttl)),
    lockedUntil: (key) => run((s) => s.lockedUntil(key)),
  };
}
