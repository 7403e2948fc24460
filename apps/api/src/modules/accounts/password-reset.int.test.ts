import { uniqueEmail } from '@repo/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { verifyPassword } from '../../lib/password';
import {
  comparableHeaders,
  countEvents,
  createUser,
  lastEvent,
  NEW_PASSWORD,
  post,
  signIn,
} from './accounts.test-support';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

async function requestReset(email: string) {
  const res = await post(t, '/v1/auth/password/forgot', { email });
  expect(res.statusCode).toBe(202);
  return (await lastEvent(t, 'user.password_reset_requested', email))?.token as string;
}

describe('POST /v1/auth/password/forgot', () => {
  it('answers known and unknown addresses identically and mails only the stored address', async () => {
    const known = await createUser(t, 'forgot');
    const unknown = uniqueEmail('forgot-none');
    const a = await post(t, '/v1/auth/password/forgot', { email: known.email.toUpperCase() });
    const b = await post(t, '/v1/auth/password/forgot', { email: unknown });

    expect(a.statusCode).toBe(202);
    expect(a.statusCode).toBe(b.statusCode);
    expect(a.body).toBe(b.body);
    expect(comparableHeaders(a)).toEqual(comparableHeaders(b));
    const event = await lastEvent(t, 'user.password_reset_requested', known.email);
    expect(event).toMatchObject({ userId: known.userId, email: known.email, expiresAt: expect.any(String) });
    expect(new Date(event?.expiresAt as string).getTime()).toBeGreaterThan(Date.now());
    expect(
      await t.deps.db.outboxEvent.count({ where: { payload: { path: ['email'], equals: unknown } } }),
    ).toBe(0);
  });
});

describe('POST /v1/auth/password/reset', () => {
  it('sets the new password, revokes every session, audits and mails a notice', async () => {
    const user = await createUser(t, 'reset');
    const s1 = await signIn(t, user.userId);
    const s2 = await signIn(t, user.userId);
    expect((await t.app.inject({ method: 'GET', url: '/v1/me', headers: s1.headers })).statusCode).toBe(200);
    const token = await requestReset(user.email);

    const res = await post(t, '/v1/auth/password/reset', { token, password: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'password_reset' });

    const stored = await t.deps.db.user.findUniqueOrThrow({ where: { id: user.userId } });
    expect(await verifyPassword(stored.passwordHash as string, NEW_PASSWORD)).toBe(true);
    expect(stored.passwordChangedAt).toBeInstanceOf(Date);
    const sessions = await t.deps.db.session.findMany({ where: { userId: user.userId } });
    expect(sessions.map((s) => s.revokedAt)).toEqual([expect.any(Date), expect.any(Date)]);
    for (const s of [s1, s2]) {
      expect((await t.app.inject({ method: 'GET', url: '/v1/me', headers: s.headers })).statusCode).toBe(401);
    }
    expect(await countEvents(t, 'user.password_changed', user.email)).toBe(1);
    expect(
      await t.deps.db.auditLog.count({ where: { targetId: user.userId, action: 'auth.password_reset' } }),
    ).toBe(1);
    // Single use.
    const again = await post(t, '/v1/auth/password/reset', {
      token,
      password: 'yet another fine passphrase',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('link_invalid');
  });

  it('lets exactly one of 10 concurrent resets with one token succeed', async () => {
    const user = await createUser(t, 'reset-race');
    const token = await requestReset(user.email);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post(t, '/v1/auth/password/reset', { token, password: `parallel passphrase number ${i}` }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 400)).toHaveLength(9);
    expect(await countEvents(t, 'user.password_changed', user.email)).toBe(1);
  });

  it('refuses an expired token with link_invalid and leaves the password alone', async () => {
    const user = await createUser(t, 'reset-expired');
    const token = await requestReset(user.email);
    await t.deps.db.emailToken.updateMany({
      where: { userId: user.userId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const res = await post(t, '/v1/auth/password/reset', { token, password: NEW_PASSWORD });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'link_invalid' });
    const stored = await t.deps.db.user.findUniqueOrThrow({ where: { id: user.userId } });
    expect(await verifyPassword(stored.passwordHash as string, user.password)).toBe(true);
  });

  it('checks the policy before burning the token', async () => {
    const user = await createUser(t, 'reset-policy');
    const token = await requestReset(user.email);
    const weak = await post(t, '/v1/auth/password/reset', { token, password: 'qazwsxedcrfv' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([
      expect.objectContaining({ path: 'password', code: 'password_too_common' }),
    ]);
    expect((await post(t, '/v1/auth/password/reset', { token, password: NEW_PASSWORD })).statusCode).toBe(
      200,
    );
  });

  it('refuses a verification token used as a reset token', async () => {
    const user = await createUser(t, 'reset-purpose');
    await t.deps.db.user.update({ where: { id: user.userId }, data: { emailVerifiedAt: null } });
    await post(t, '/v1/auth/verify-email/resend', { email: user.email });
    const verifyToken = (await lastEvent(t, 'user.verification_requested', user.email))?.token;
    const res = await post(t, '/v1/auth/password/reset', { token: verifyToken, password: NEW_PASSWORD });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('link_invalid');
  });
});

describe('link-token routes reject type confusion', () => {
  it.each([
    ['/v1/auth/verify-email', { token: ['a'.repeat(43)] }],
    ['/v1/auth/verify-email', { token: { not: '' } }],
    ['/v1/auth/password/reset', { token: 'a'.repeat(43), password: { length: 20 } }],
    ['/v1/auth/unlock', { token: 1234567890 }],
    ['/v1/auth/password/forgot', { email: { contains: '@' } }],
  ])('%s %j → 400 validation_failed', async (url, payload) => {
    const res = await post(t, url, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
  });
});

describe('POST /v1/auth/unlock', () => {
  it('lifts a sign-in lock with the emailed token, once', async () => {
    const user = await createUser(t, 'locked');
    const subject = { action: 'sign_in' as const, ip: '10.77.0.1', account: user.email };
    for (let i = 0; i < t.deps.env.LOCKOUT_THRESHOLD; i++) await t.deps.bruteForce.recordFailure(subject);
    await expect(t.deps.bruteForce.assertAllowed(subject)).rejects.toMatchObject({ code: 'account_locked' });
    const token = (await lastEvent(t, 'user.locked', user.email))?.token;
    expect(token).toEqual(expect.any(String));

    const res = await post(t, '/v1/auth/unlock', { token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'unlocked' });
    await expect(t.deps.bruteForce.assertAllowed(subject)).resolves.toBeUndefined();
    await t.deps.bruteForce.recordSuccess(subject);
    expect(
      await t.deps.db.auditLog.count({ where: { targetId: user.userId, action: 'auth.unlocked' } }),
    ).toBe(1);
    expect((await post(t, '/v1/auth/unlock', { token })).statusCode).toBe(400);
  });
});
