import { randomUUID } from 'node:crypto';
import { uniqueEmail } from '@repo/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { useTestApps } from '../app.test-support';
import type { AppError } from '../errors';
import type { AppDeps } from '../types';
import { type BruteForce, type BruteForceOptions, createBruteForce } from './brute-force';

const app = useTestApps();

/** A controllable clock: delays and locks are judged against it, windows against Redis TTLs. */
function fakeClock(start = Date.parse('2026-03-01T12:00:00Z')) {
  let now = start;
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

async function limiter(deps: AppDeps, extra: Partial<BruteForceOptions> = {}) {
  const clock = fakeClock();
  const bf = createBruteForce({
    redis: deps.redis,
    db: deps.db,
    env: { LOCKOUT_THRESHOLD: 5, LOCKOUT_SECONDS: 600 },
    clock,
    prefix: `bf${randomUUID().slice(0, 8)}`,
    ...extra,
  });
  return { bf, clock };
}

/** The AppError an attempt is refused with, or null when it is allowed. */
async function refusal(bf: BruteForce, subject: Parameters<BruteForce['assertAllowed']>[0]) {
  try {
    await bf.assertAllowed(subject);
    return null;
  } catch (error) {
    return error as AppError;
  }
}

// Each limiter owns a Redis connection: close them after every test.
const closing: BruteForce[] = [];
const track = <T extends { bf: BruteForce }>(x: T) => {
  closing.push(x.bf);
  return x;
};
afterEach(() => {
  for (const bf of closing.splice(0)) bf.close();
});

describe('brute force: sign-in', () => {
  it('is free for a few failures, then delays with doubling Retry-After', async () => {
    const { deps } = await app();
    const { bf, clock } = track(await limiter(deps, { env: { LOCKOUT_THRESHOLD: 8, LOCKOUT_SECONDS: 600 } }));
    const s = { action: 'sign_in' as const, ip: '203.0.113.1', account: uniqueEmail() };
    for (let i = 0; i < 3; i++) {
      expect(await refusal(bf, s)).toBeNull();
      await bf.recordFailure(s);
    }
    expect(await refusal(bf, s)).toBeNull(); // 3 failures: still free
    await bf.recordFailure(s); // 4th
    const delayed = await refusal(bf, s);
    expect(delayed).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(delayed?.headers).toMatchObject({
      'retry-after': '1',
      'ratelimit-limit': '8',
      'ratelimit-remaining': '4',
    });
    clock.advance(1000);
    expect(await refusal(bf, s)).toBeNull();
    await bf.recordFailure(s); // 5th: the wait doubles
    expect((await refusal(bf, { ...s, account: s.account.toUpperCase() }))?.headers?.['retry-after']).toBe(
      '2',
    );
    clock.advance(2000);
    expect(await refusal(bf, s)).toBeNull();
    // A success clears the account's failures: full speed again.
    await bf.recordSuccess(s);
    expect(await refusal(bf, s)).toBeNull();
    await bf.recordSuccess(s);
  });

  it('locks the account at the threshold: 423 for it only, once-only side effects, then expires', async () => {
    const { deps } = await app();
    const { bf, clock } = track(await limiter(deps));
    const email = uniqueEmail('locked');
    const user = await deps.db.user.create({ data: { email, name: 'Locked', locale: 'fr' } });
    const s = { action: 'sign_in' as const, ip: '203.0.113.2', account: email.toUpperCase() };
    const results = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000); // past any delay
      expect(await refusal(bf, s)).toBeNull();
      results.push(await bf.recordFailure({ ...s, meta: { ip: s.ip, userAgent: 'ua', requestId: 'rq-1' } }));
    }
    expect(results.slice(0, 4).every((r) => !r.locked)).toBe(true);
    expect(results[4]).toEqual({ locked: true, lockedUntil: new Date(clock.now().getTime() + 600_000) });

    const locked = await refusal(bf, s);
    expect(locked).toMatchObject({ code: 'account_locked', status: 423 });
    expect(locked?.headers?.['retry-after']).toBe('600');
    // Another account from the same IP is unaffected.
    expect(await refusal(bf, { ...s, account: uniqueEmail() })).toBeNull();

    const tokens = await deps.db.emailToken.findMany({ where: { userId: user.id } });
    expect(tokens).toMatchObject([{ purpose: 'unlock_account', email, usedAt: null }]);
    const events = await deps.db.outboxEvent.findMany({ where: { type: 'user.locked' } });
    const mine = events.filter((e) => (e.payload as { userId: string }).userId === user.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.payload).toMatchObject({
      email,
      locale: 'fr',
      lockedUntil: results[4]?.locked && results[4].lockedUntil.toISOString(),
    });
    const audit = await deps.db.auditLog.findMany({ where: { targetId: user.id } });
    expect(audit).toMatchObject([
      { action: 'auth.locked', actorId: null, targetType: 'user', ip: s.ip, requestId: 'rq-1' },
    ]);

    clock.advance(600_000 + 1);
    expect(await refusal(bf, s)).toBeNull(); // never permanent
    await bf.recordSuccess(s);
  });

  it('unlock() ends the lock at once', async () => {
    const { deps } = await app();
    const { bf, clock } = track(await limiter(deps));
    const s = { action: 'sign_in' as const, ip: '203.0.113.3', account: uniqueEmail() };
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      await bf.assertAllowed(s);
      await bf.recordFailure(s);
    }
    expect((await refusal(bf, s))?.code).toBe('account_locked');
    await bf.unlock(s.account);
    expect(await refusal(bf, s)).toBeNull();
  });

  it('locks unknown addresses the same way but mails nobody', async () => {
    const { deps } = await app();
    const { bf, clock } = track(await limiter(deps));
    const email = uniqueEmail('ghost');
    const s = { action: 'sign_in' as const, ip: '203.0.113.4', account: email };
    const before = await deps.db.outboxEvent.count();
    let last = { locked: false } as Awaited<ReturnType<BruteForce['recordFailure']>>;
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      await bf.assertAllowed(s);
      last = await bf.recordFailure(s);
    }
    expect(last.locked).toBe(true);
    expect((await refusal(bf, s))?.code).toBe('account_locked');
    expect(await deps.db.outboxEvent.count()).toBe(before);
    expect(await deps.db.emailToken.count({ where: { email } })).toBe(0);
  });

  it('caps parallel guesses: the free budget at once, then exactly one at a time', async () => {
    const { deps } = await app();
    const { bf, clock } = track(await limiter(deps));
    const s = { action: 'sign_in' as const, ip: '203.0.113.5', account: uniqueEmail() };
    const first = await Promise.all(Array.from({ length: 20 }, () => refusal(bf, s)));
    expect(first.filter((o) => o === null)).toHaveLength(3);
    expect(first.filter((o) => o?.code === 'rate_limited')).toHaveLength(17);
    for (let i = 0; i < 3; i++) await bf.recordFailure(s);
    const second = await Promise.all(Array.from({ length: 20 }, () => refusal(bf, s)));
    expect(second.filter((o) => o === null)).toHaveLength(1);
    await bf.recordFailure(s);
    clock.advance(1000);
    // The delay now applies, and the lock (5 failures) can only be reached one guess at a time.
    const third = await Promise.all(Array.from({ length: 20 }, () => refusal(bf, s)));
    expect(third.filter((o) => o === null)).toHaveLength(1);
  });

  it('refuses an IP past its failure limit, whatever the account', async () => {
    const { deps } = await app();
    const { bf, clock } = track(
      await limiter(deps, {
        policies: { sign_in: { counts: 'failures', ip: { max: 4, windowSeconds: 900 }, lockout: true } },
      }),
    );
    for (let i = 0; i < 4; i++) {
      const s = { action: 'sign_in' as const, ip: '203.0.113.6', account: uniqueEmail() };
      await bf.assertAllowed(s);
      await bf.recordFailure(s);
      clock.advance(1);
    }
    const refused = await refusal(bf, { action: 'sign_in', ip: '203.0.113.6', account: uniqueEmail() });
    expect(refused).toMatchObject({ code: 'rate_limited' });
    expect(Number(refused?.headers?.['retry-after'])).toBeGreaterThan(800);
    expect(await refusal(bf, { action: 'sign_in', ip: '203.0.113.7', account: uniqueEmail() })).toBeNull();
  });
});

describe('brute force: shared state and degradation', () => {
  it('shares counters and locks between instances through Redis', async () => {
    const { deps } = await app();
    const prefix = `bf${randomUUID().slice(0, 8)}`;
    const a = track(await limiter(deps, { prefix }));
    const b = track(await limiter(deps, { prefix }));
    const s = { action: 'forgot' as const, ip: '198.51.100.1', account: uniqueEmail() };
    await a.bf.assertAllowed(s);
    await b.bf.assertAllowed(s);
    await a.bf.assertAllowed(s);
    expect((await refusal(b.bf, s))?.code).toBe('rate_limited'); // 4th mail to one address
    expect(await deps.redis.keys(`${prefix}:bf:forgot:*`)).toHaveLength(2);
  });

  it('falls back to a local limiter when Redis is unreachable (never fails open)', async () => {
    const { deps } = await app({ REDIS_URL: 'redis://127.0.0.1:1' });
    const { bf, clock } = track(await limiter(deps));
    const s = { action: 'sign_in' as const, ip: '198.51.100.2', account: uniqueEmail() };
    for (let i = 0; i < 4; i++) {
      await bf.assertAllowed(s);
      await bf.recordFailure(s);
    }
    expect((await refusal(bf, s))?.code).toBe('rate_limited');
    clock.advance(60_000);
    await bf.assertAllowed(s);
    expect((await bf.recordFailure(s)).locked).toBe(true);
    expect((await refusal(bf, s))?.code).toBe('account_locked');
    const mail = { action: 'resend' as const, ip: '198.51.100.2', account: uniqueEmail() };
    for (let i = 0; i < 3; i++) await bf.assertAllowed(mail);
    expect((await refusal(bf, mail))?.code).toBe('rate_limited');
  });
});
