import { createHash } from 'node:crypto';
import { type Db, normalizeEmail } from '@repo/db';
import type { Logger } from '@repo/observability';
import type { Redis } from 'ioredis';
import { AppError } from '../errors';
import type { Clock } from '../types';
import { notifyLocked } from './brute-force-lock';
import {
  type BruteForceAction,
  defaultPolicies,
  judge,
  type Limit,
  type Policies,
} from './brute-force-policy';
import { type BruteForceStore, fallbackStore, memoryStore } from './brute-force-store';
import { ipKey } from './ip-key';
import type { RequestMeta } from './request-meta';

export type { BruteForceAction, Policies } from './brute-force-policy';

export interface BruteForceSubject {
  action: BruteForceAction;
  /** requestMeta(req).ip — honours TRUST_PROXY. */
  ip: string;
  /** The email the request names, any spelling (canonicalized here). */
  account?: string | null;
}

export interface BruteForce {
  /**
   * Throws AppError `account_locked` (423) while the account is locked, or `rate_limited` (429)
   * when the IP/account is over its limit or inside its progressive delay; both carry
   * Retry-After (and RateLimit-* on 429). For `attempts` actions this call also counts the
   * attempt. For sign_in, follow it with exactly one recordFailure or recordSuccess.
   */
  assertAllowed(subject: BruteForceSubject): Promise<void>;
  /** Counts a failure. `locked: true` is returned once, by the failure that locked the account;
   * the lock's mail, token, audit row and event are already written by then. */
  recordFailure(subject: BruteForceSubject & { meta?: RequestMeta | null }): Promise<LockResult>;
  /** Clears the account's failures (never the IP's). */
  recordSuccess(subject: BruteForceSubject): Promise<void>;
  /** Ends a lock and clears the account's counters (after a valid unlock link). */
  unlock(account: string): Promise<void>;
  close(): void;
}

export type LockResult = { locked: false } | { locked: true; lockedUntil: Date };

export interface BruteForceOptions {
  redis: Redis;
  db: Db;
  env: { LOCKOUT_THRESHOLD: number; LOCKOUT_SECONDS: number };
  clock: Clock;
  /** REDIS_PREFIX; keys live under `<prefix>:bf:`. */
  prefix: string;
  logger?: Logger;
  /** Tests and operators may tighten or loosen single actions. */
  policies?: Partial<Policies>;
}

/** An attempt let through and never resolved (crash, early return) stops counting after this. */
const PENDING_TTL_MS = 15_000;

export function accountLockedError(retryAfterMs: number): AppError {
  return new AppError(
    'account_locked',
    'Too many failed sign-in attempts: the account is temporarily locked. Try again later or use the link we emailed.',
    { headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) } },
  );
}

function rateLimitedError(limit: Limit, retryAfterMs: number, remaining: number): AppError {
  const seconds = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
  return new AppError('rate_limited', `Too many attempts; retry in ${seconds} seconds.`, {
    headers: {
      'retry-after': seconds,
      'ratelimit-limit': String(limit.max),
      'ratelimit-remaining': String(Math.max(0, remaining)),
      'ratelimit-reset': seconds,
    },
  });
}

export function createBruteForce(opts: BruteForceOptions): BruteForce {
  const policies: Policies = { ...defaultPolicies(opts.env), ...opts.policies };
  const lockMs = opts.env.LOCKOUT_SECONDS * 1000;
  // Its own connection: no offline queue and a short timeout, so a dead Redis turns into an
  // immediate fallback instead of a stalled sign-in (the shared client queues and retries).
  const redis = opts.redis.duplicate({
    enableOfflineQueue: false,
    commandTimeout: 250,
    maxRetriesPerRequest: 0,
    connectionName: 'api-brute-force',
  });
  redis.on('error', () => {
    // Logged by the main client; fallbacks are logged below.
  });
  let lastWarn = 0;
  const store: BruteForceStore = fallbackStore(redis, memoryStore(), (error) => {
    const now = Date.now();
    if (now - lastWarn > 10_000)
      opts.logger?.warn({ err: error }, 'brute-force limiter using local fallback');
    lastWarn = now;
  });

  const base = `${opts.prefix}:bf:`;
  // Emails are hashed: keys stay bounded and Redis holds no addresses.
  const accountId = (account: string) =>
    createHash('sha256').update(normalizeEmail(account)).digest('hex').slice(0, 32);
  const lockKey = (account: string) => `${base}lock:${accountId(account)}`;

  /** The (key, limit) pairs a request is counted under. */
  function subjects({ action, ip, account }: BruteForceSubject) {
    const policy = policies[action];
    const out: { kind: 'ip' | 'account'; key: string; limit: Limit }[] = [];
    if (policy.ip) out.push({ kind: 'ip', key: `${base}${action}:ip:${ipKey(ip)}`, limit: policy.ip });
    if (policy.account && account)
      out.push({
        kind: 'account',
        key: `${base}${action}:acct:${accountId(account)}`,
        limit: policy.account,
      });
    return { policy, list: out };
  }

  async function assertAllowed(subject: BruteForceSubject): Promise<void> {
    const { policy, list } = subjects(subject);
    const now = opts.clock.now().getTime();
    if (policy.lockout && subject.account) {
      const until = await store.lockedUntil(lockKey(subject.account));
      if (until !== null && until > now) throw accountLockedError(until - now);
    }
    if (policy.counts === 'attempts') {
      for (const s of list) {
        const c = await store.fail(s.key, s.limit.windowSeconds * 1000, now, false);
        if (c.n > s.limit.max) throw rateLimitedError(s.limit, c.ttlMs, 0);
      }
      return;
    }
    // Failure-counted actions with a delay register the attempt as in flight first, so that
    // parallel requests see each other (see Limit.serialize).
    const inflight = list.some((s) => s.limit.freeFailures !== undefined);
    const acquired: string[] = [];
    try {
      for (const s of list) {
        const c = inflight ? await store.acquire(s.key, PENDING_TTL_MS) : await store.peek(s.key);
        if (inflight) acquired.push(s.key);
        const verdict = judge(s.limit, c, now, inflight);
        if (!verdict.ok) throw rateLimitedError(s.limit, verdict.retryAfterMs, verdict.remaining);
      }
    } catch (error) {
      await Promise.all(acquired.map((k) => store.release(k).catch(() => {})));
      throw error;
    }
  }

  async function recordFailure(
    subject: BruteForceSubject & { meta?: RequestMeta | null },
  ): Promise<LockResult> {
    const { policy, list } = subjects(subject);
    if (policy.counts === 'attempts') return { locked: false };
    const now = opts.clock.now();
    const inflight = list.some((s) => s.limit.freeFailures !== undefined);
    let lockNow = false;
    for (const s of list) {
      const c = await store.fail(s.key, s.limit.windowSeconds * 1000, now.getTime(), inflight);
      if (s.kind === 'account' && policy.lockout && c.n >= s.limit.max) lockNow = true;
    }
    if (!lockNow || !subject.account) return { locked: false };
    const lockedUntil = new Date(now.getTime() + lockMs);
    // NX: of concurrent failures crossing the threshold, exactly one performs the transition.
    if (!(await store.lock(lockKey(subject.account), lockedUntil.getTime(), lockMs)))
      return { locked: false };
    const accountKeys = list.filter((s) => s.kind === 'account').map((s) => s.key);
    await store.clear(accountKeys); // a fresh budget when the lock ends
    try {
      await notifyLocked(
        { db: opts.db, lockoutSeconds: opts.env.LOCKOUT_SECONDS },
        { account: subject.account, lockedUntil, now, meta: subject.meta ?? null },
      );
    } catch (error) {
      // The lock stands and ends by itself; only the mail is lost. Never turn it into a 500 that
      // would tell a prober this address has an account.
      opts.logger?.error({ err: error }, 'could not record or announce an account lock');
    }
    return { locked: true, lockedUntil };
  }

  async function recordSuccess(subject: BruteForceSubject): Promise<void> {
    const { policy, list } = subjects(subject);
    if (policy.counts === 'attempts') return;
    const inflight = list.some((s) => s.limit.freeFailures !== undefined);
    for (const s of list) {
      if (s.kind === 'account') await store.clear([s.key]);
      else if (inflight) await store.release(s.key);
    }
  }

  async function unlock(account: string): Promise<void> {
    const keys = (Object.keys(policies) as BruteForceAction[])
      .filter((action) => policies[action].counts === 'failures')
      .map((action) => `${base}${action}:acct:${accountId(account)}`);
    await store.clear([lockKey(account), ...keys]);
  }

  return { assertAllowed, recordFailure, recordSuccess, unlock, close: () => redis.disconnect() };
}
