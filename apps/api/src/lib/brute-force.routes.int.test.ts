/**
 * Brute-force protection through the real routes (sign-in, forgot-password, unlock): what a client
 * sees — statuses, problem+json, Retry-After/RateLimit-* — and what is written.
 */
import { randomUUID } from 'node:crypto';
import { uniqueEmail } from '@repo/testing';
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApps } from '../app.test-support';
import { CHROME_UA, createUser, PASSWORD, SAME_ORIGIN } from '../modules/auth/auth.test-support';

// A fresh Redis prefix per app (shared by apps of one test on purpose) and the lowest threshold.
const app = useTestApps(() => ({ LOCKOUT_THRESHOLD: '3', REDIS_PREFIX: `bfr${randomUUID().slice(0, 8)}` }));

function signIn(
  t: TestApp,
  email: string,
  password: string,
  ip = '192.0.2.10',
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: 'POST',
    url: '/v1/auth/sign-in',
    remoteAddress: ip,
    headers: { 'user-agent': CHROME_UA, ...SAME_ORIGIN, ...headers },
    payload: { email, password },
  });
}

function forgot(t: TestApp, email: string, ip: string, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/v1/auth/password/forgot',
    remoteAddress: ip,
    headers,
    payload: { email },
  });
}

const lockedEvents = (t: TestApp, email: string) =>
  t.deps.db.outboxEvent.findMany({
    where: { type: 'user.locked', payload: { path: ['email'], equals: email } },
  });

describe('sign-in lockout', () => {
  it('locks one account after LOCKOUT_THRESHOLD failures (423 + Retry-After), mails an unlock link that works', async () => {
    const t = await app();
    const user = await createUser(t, { prefix: 'lockme' });
    const bystander = await createUser(t, { prefix: 'bystander' });
    for (let i = 0; i < 3; i++) expect((await signIn(t, user.email, 'wrong password!')).statusCode).toBe(401);

    // Even the right password is refused now, with the lock's remaining time.
    const locked = await signIn(t, user.email, PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(locked.json()).toMatchObject({
      code: 'account_locked',
      status: 423,
      requestId: locked.headers['x-request-id'],
    });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect(locked.cookies).toHaveLength(0);

    // The same IP still signs other people in.
    expect((await signIn(t, bystander.email, PASSWORD)).statusCode).toBe(200);

    const events = await lockedEvents(t, user.email);
    expect(events).toHaveLength(1);
    const { token } = (events[0]?.payload ?? {}) as { token?: string };
    expect(token).toEqual(expect.any(String));
    expect(await t.deps.db.auditLog.count({ where: { targetId: user.id, action: 'auth.locked' } })).toBe(1);
    expect(
      await t.deps.db.auditLog.count({ where: { targetId: user.id, action: 'auth.sign_in_failed' } }),
    ).toBe(3);

    const unlocked = await t.app.inject({ method: 'POST', url: '/v1/auth/unlock', payload: { token } });
    expect(unlocked.statusCode).toBe(200);
    expect((await signIn(t, user.email, PASSWORD)).statusCode).toBe(200);
  });

  it('answers an unknown address exactly like a known one, and mails nobody', async () => {
    const t = await app();
    const known = await createUser(t, { prefix: 'known' });
    const ghost = uniqueEmail('ghost');
    const answers: Record<string, { status: number[]; last: unknown }> = {};
    for (const email of [known.email, ghost]) {
      const status: number[] = [];
      for (let i = 0; i < 4; i++)
        status.push((await signIn(t, email, 'wrong password!', '192.0.2.11')).statusCode);
      const res = await signIn(t, email, 'wrong password!', '192.0.2.11');
      const { requestId: _ignored, ...body } = res.json();
      answers[email] = { status, last: { body, retry: res.headers['retry-after'] !== undefined } };
    }
    expect(answers[known.email]).toEqual(answers[ghost]);
    expect(answers[ghost]?.status).toEqual([401, 401, 401, 423]);
    expect(await lockedEvents(t, ghost)).toHaveLength(0);
    expect(await t.deps.db.emailToken.count({ where: { email: ghost } })).toBe(0);
    expect(await lockedEvents(t, known.email)).toHaveLength(1);
  });

  it('still locks when Redis is unreachable (local fallback, never open)', async () => {
    const t = await app({ REDIS_URL: 'redis://127.0.0.1:1' });
    const user = await createUser(t, { prefix: 'noredis' });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await signIn(t, user.email, 'wrong password!')).statusCode);
    expect(codes).toEqual([401, 401, 401, 423]);
    expect(await lockedEvents(t, user.email)).toHaveLength(1);
  });
});

describe('per-IP limits', () => {
  it('are shared by two API instances', async () => {
    const prefix = `bfr${randomUUID().slice(0, 8)}`;
    const a = await app({ REDIS_PREFIX: prefix });
    const b = await app({ REDIS_PREFIX: prefix });
    const email = uniqueEmail('shared');
    expect((await forgot(a, email, '192.0.2.20')).statusCode).toBe(202);
    expect((await forgot(b, email, '192.0.2.21')).statusCode).toBe(202);
    expect((await forgot(a, email, '192.0.2.22')).statusCode).toBe(202);
    // The 4th reset request for one address within 15 minutes, whichever instance gets it.
    const limited = await forgot(b, email, '192.0.2.23');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['ratelimit-limit']).toBe('3');
    expect(limited.headers['ratelimit-remaining']).toBe('0');
  });

  it('ignore a spoofed X-Forwarded-For unless TRUST_PROXY trusts the hop', async () => {
    const untrusted = await app();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await forgot(untrusted, uniqueEmail('xff'), '192.0.2.30', {
        'x-forwarded-for': `198.51.100.${i}`,
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 202)).toBe(true);
    expect(statuses[30]).toBe(429); // per-IP limit: 30 per 15 minutes

    const trusted = await app({ TRUST_PROXY: 'true' });
    for (let i = 0; i < 31; i++) {
      const res = await forgot(trusted, uniqueEmail('xff'), '192.0.2.31', {
        'x-forwarded-for': `198.51.100.${i}`,
      });
      expect(res.statusCode).toBe(202);
    }
  });
});

describe('security activity after real sign-ins', () => {
  it('shows the caller their own failed and successful sign-ins, not anyone else’s', async () => {
    const t = await app();
    const me = await createUser(t, { prefix: 'activity' });
    const other = await createUser(t, { prefix: 'activity-other' });
    await signIn(t, me.email, 'wrong password!', '192.0.2.40');
    await signIn(t, other.email, 'wrong password!', '192.0.2.40');
    const ok = await signIn(t, me.email, PASSWORD, '192.0.2.41');
    expect(ok.statusCode).toBe(200);
    const cookies = Object.fromEntries(ok.cookies.map((c) => [c.name, c.value]));
    const res = await t.app.inject({ url: '/v1/me/security-activity', cookies });
    expect(res.statusCode).toBe(200);
    const events = res.json().events as { action: string; ip: string; device: string }[];
    expect(events.map((e) => [e.action, e.ip])).toEqual([
      ['auth.sign_in', '192.0.2.41'],
      ['auth.sign_in_failed', '192.0.2.40'],
    ]);
    expect(events[0]?.device).toBe('Chrome on Mac OS');
  });
});
