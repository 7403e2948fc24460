import { describe, expect, it } from 'vitest';
import { defaultPolicies, delayAfter, judge, type Limit } from './brute-force-policy';

const limit: Limit = {
  max: 10,
  windowSeconds: 900,
  freeFailures: 3,
  delayBaseMs: 1000,
  delayCapMs: 8000,
  serialize: true,
};
const counter = (n: number, last = 0, pending = 1, ttlMs = 60_000) => ({ n, last, pending, ttlMs });

describe('delayAfter', () => {
  it('is free up to the budget, then doubles from the base up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 40].map((n) => delayAfter(limit, n))).toEqual([
      0, 0, 0, 0, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it('never delays a limit without a free budget', () => {
    expect(delayAfter({ max: 5, windowSeconds: 60 }, 4)).toBe(0);
  });
});

describe('judge', () => {
  const now = 1_000_000;

  it('lets attempts through within the free budget', () => {
    expect(judge(limit, counter(3, now), now, true)).toEqual({ ok: true });
  });

  it('asks for the remaining part of the delay after the latest failure', () => {
    expect(judge(limit, counter(5, now - 500), now, true)).toEqual({
      ok: false,
      retryAfterMs: 1500,
      remaining: 5,
    });
    expect(judge(limit, counter(5, now - 2000), now, true)).toEqual({ ok: true });
  });

  it('refuses at the maximum until the window ends', () => {
    expect(judge(limit, counter(10, now - 99_999, 1, 42_000), now, true)).toEqual({
      ok: false,
      retryAfterMs: 42_000,
      remaining: 0,
    });
  });

  it('counts attempts still in flight, so parallel guesses cannot overrun the limits', () => {
    // 7 recorded failures + 3 unresolved attempts ahead of this one = the maximum.
    expect(judge(limit, counter(7, 0, 4), now, true).ok).toBe(false);
    // Past the free budget only one attempt may be in flight.
    expect(judge(limit, counter(2, 0, 2), now, true)).toEqual({
      ok: false,
      retryAfterMs: 1000,
      remaining: 8,
    });
    expect(judge(limit, counter(1, 0, 2), now, true)).toEqual({ ok: true });
  });
});

describe('defaultPolicies', () => {
  it('locks sign-in at LOCKOUT_THRESHOLD account failures and counts mail-sending calls as attempts', () => {
    const p = defaultPolicies({ LOCKOUT_THRESHOLD: 7 });
    expect(p.sign_in).toMatchObject({ counts: 'failures', lockout: true, account: { max: 7 } });
    for (const action of ['sign_up', 'forgot', 'resend'] as const) expect(p[action].counts).toBe('attempts');
    expect(p.refresh.account).toBeUndefined();
  });
});
