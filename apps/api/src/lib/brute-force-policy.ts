/**
 * Brute-force policy (A3; ADR 0010). Each protected action is limited per client IP and, where the
 * request names one, per account (canonical email). Two kinds of counting:
 * - `failures` (sign_in, refresh): only failed attempts count (recordFailure); success clears the
 *   account's count but never the IP's, or one valid account would reset an attacker's budget.
 * - `attempts` (sign_up, forgot, resend): every request counts, inside assertAllowed, because
 *   these always "succeed" (202) and the abuse is volume: mail-bombing an address, mass sign-ups.
 * Past `freeFailures`, each further attempt must wait a delay that doubles from `delayBaseMs` up to
 * `delayCapMs` after the latest failure (progressive delay); at `max` the subject is refused until
 * its window ends. Sign-in failures on one account reaching LOCKOUT_THRESHOLD lock it for
 * LOCKOUT_SECONDS (never permanently) and mail an unlock link when the account exists.
 */
export type BruteForceAction = 'sign_in' | 'sign_up' | 'forgot' | 'resend' | 'refresh' | 'two_factor';

export interface Limit {
  /** Failures/attempts per window; reaching it refuses further attempts until the window ends. */
  max: number;
  windowSeconds: number;
  /** Failures allowed at full speed before the progressive delay starts. Default: no delay. */
  freeFailures?: number;
  delayBaseMs?: number;
  delayCapMs?: number;
  /** Past `freeFailures`, allow one attempt in flight at a time: parallel guesses cannot race
   * past the delay and the lock while earlier attempts are still being checked. */
  serialize?: boolean;
}

export interface ActionPolicy {
  counts: 'failures' | 'attempts';
  ip?: Limit;
  account?: Limit;
  /** Account failures reaching `account.max` lock the account (sign-in only). */
  lockout?: boolean;
}

export type Policies = Record<BruteForceAction, ActionPolicy>;

export function defaultPolicies(env: { LOCKOUT_THRESHOLD: number }): Policies {
  const quarterHour = 900;
  return {
    sign_in: {
      counts: 'failures',
      // Generous per IP: offices and mobile carriers put many users behind one address.
      ip: { max: 50, windowSeconds: quarterHour, freeFailures: 20, delayBaseMs: 1000, delayCapMs: 10_000 },
      account: {
        max: env.LOCKOUT_THRESHOLD,
        windowSeconds: quarterHour,
        freeFailures: 3,
        delayBaseMs: 1000,
        delayCapMs: 30_000,
        serialize: true,
      },
      lockout: true,
    },
    // Wrong second-factor codes (ADR 0012), per account across challenges: a password holder must
    // not get a fresh budget by signing in again. Cleared only by a correct code, never by the
    // password. ~10 guesses an hour leave a 6-digit code (3 steps accepted) at ~1e-3 a day.
    two_factor: {
      counts: 'failures',
      ip: { max: 50, windowSeconds: quarterHour, freeFailures: 20, delayBaseMs: 1000, delayCapMs: 10_000 },
      account: {
        max: 10,
        windowSeconds: 3600,
        freeFailures: 3,
        delayBaseMs: 1000,
        delayCapMs: 30_000,
        serialize: true,
      },
    },
    // Refresh tokens are 256-bit random values: nothing to guess; this only caps garbage floods.
    refresh: { counts: 'failures', ip: { max: 100, windowSeconds: quarterHour } },
    sign_up: {
      counts: 'attempts',
      ip: { max: 30, windowSeconds: 3600 },
      account: { max: 3, windowSeconds: 3600 },
    },
    forgot: {
      counts: 'attempts',
      ip: { max: 30, windowSeconds: quarterHour },
      account: { max: 3, windowSeconds: quarterHour },
    },
    resend: {
      counts: 'attempts',
      ip: { max: 30, windowSeconds: quarterHour },
      account: { max: 3, windowSeconds: quarterHour },
    },
  };
}

/** Wait required after the latest failure once `failures` have been counted (0 = none). */
export function delayAfter(limit: Limit, failures: number): number {
  const free = limit.freeFailures;
  if (free === undefined || failures <= free) return 0;
  const base = limit.delayBaseMs ?? 1000;
  const cap = limit.delayCapMs ?? 30_000;
  // 2^(failures − free − 1): the first failure past the free budget waits `base`.
  return Math.min(cap, base * 2 ** Math.min(failures - free - 1, 30));
}

export type Verdict = { ok: true } | { ok: false; retryAfterMs: number; remaining: number };

/**
 * Decides one attempt for one subject, given its counter right after registering this attempt
 * (pending includes it). Pure, so the policy is unit-tested without Redis.
 */
export function judge(
  limit: Limit,
  c: { n: number; last: number; pending: number; ttlMs: number },
  nowMs: number,
  inflight: boolean,
): Verdict {
  const ahead = inflight ? Math.max(0, c.pending - 1) : 0; // other attempts still being checked
  if (c.n + ahead >= limit.max) {
    return { ok: false, retryAfterMs: Math.max(1000, c.ttlMs), remaining: 0 };
  }
  const remaining = limit.max - c.n;
  const wait = c.last + delayAfter(limit, c.n) - nowMs;
  if (wait > 0) return { ok: false, retryAfterMs: wait, remaining };
  if (limit.serialize && limit.freeFailures !== undefined && c.n + ahead >= limit.freeFailures && ahead > 0) {
    return { ok: false, retryAfterMs: 1000, remaining };
  }
  return { ok: true };
}
