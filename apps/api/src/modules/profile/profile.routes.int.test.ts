import { uniqueEmail } from '@repo/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { verifyPassword } from '../../lib/password';
import {
  countEvents,
  createUser,
  lastEvent,
  NEW_PASSWORD,
  post,
  signIn,
} from '../accounts/accounts.test-support';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/v1/me', headers });
const patch = (headers: Record<string, string>, payload: unknown) =>
  t.app.inject({ method: 'PATCH', url: '/v1/me', headers, payload: payload as object });

describe('GET /v1/me', () => {
  it('returns the signed-in user', async () => {
    const user = await createUser(t, 'me');
    const { headers } = await signIn(t, user.userId);
    const res = await me(headers);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: user.userId,
      email: user.email,
      name: 'Test Person',
      role: 'user',
      emailVerified: true,
      locale: 'en',
      timezone: 'UTC',
      createdAt: expect.any(String),
      avatarUrl: null,
      // Set only while an admin impersonates the account (impersonation.int.test.ts).
      impersonation: null,
    });
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  it('answers 401 without a token and for a disabled account', async () => {
    expect((await me({})).json()).toMatchObject({ status: 401, code: 'unauthorized' });
    const user = await createUser(t, 'me-disabled');
    const { headers } = await signIn(t, user.userId);
    await t.deps.db.user.update({ where: { id: user.userId }, data: { disabledAt: new Date() } });
    expect((await me(headers)).statusCode).toBe(401);
  });
});

describe('PATCH /v1/me', () => {
  it('updates name, locale and time zone with an audit diff', async () => {
    const user = await createUser(t, 'patch');
    const { headers } = await signIn(t, user.userId);
    const res = await patch(headers, { name: 'Grace Hopper', locale: 'ar', timezone: 'Africa/Cairo' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Grace Hopper', locale: 'ar', timezone: 'Africa/Cairo' });
    const audit = await t.deps.db.auditLog.findFirstOrThrow({
      where: { targetId: user.userId, action: 'profile.updated' },
    });
    expect(audit.diff).toMatchObject({
      before: { name: 'Test Person' },
      after: { name: 'Grace Hopper', locale: 'ar' },
    });
  });

  it.each([
    ['role', { role: 'admin' }],
    ['email', { email: 'x@example.test' }],
    ['emailVerified', { emailVerified: true }],
    ['an empty body', {}],
    ['an unknown time zone', { timezone: 'Mars/Olympus' }],
    ['a non-string name', { name: ['a'] }],
  ])('rejects %s with 400 and changes nothing', async (_, payload) => {
    const user = await createUser(t, 'patch-bad');
    const { headers } = await signIn(t, user.userId);
    const before = await t.deps.db.user.findUniqueOrThrow({ where: { id: user.userId } });
    const res = await patch(headers, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
    expect(await t.deps.db.user.findUniqueOrThrow({ where: { id: user.userId } })).toEqual(before);
  });
});

describe('POST /v1/me/password', () => {
  const change = (headers: Record<string, string>, payload: unknown) =>
    post(t, '/v1/me/password', payload, { headers });

  it('needs a recent authentication (reauth_required)', async () => {
    const user = await createUser(t, 'pw-sudo');
    const { headers } = await signIn(t, user.userId, { authAgeSeconds: t.deps.env.SUDO_WINDOW_SECONDS + 60 });
    const res = await change(headers, { currentPassword: user.password, newPassword: NEW_PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('reauth_required');
  });

  it('refuses a wrong current password without changing anything', async () => {
    const user = await createUser(t, 'pw-wrong');
    const { headers } = await signIn(t, user.userId);
    const res = await change(headers, {
      currentPassword: 'not my password at all',
      newPassword: NEW_PASSWORD,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'currentPassword' })]);
    const stored = await t.deps.db.user.findUniqueOrThrow({ where: { id: user.userId } });
    expect(await verifyPassword(stored.passwordHash as string, user.password)).toBe(true);
  });

  it('applies the policy to the new password', async () => {
    const user = await createUser(t, 'pw-policy');
    const { headers } = await signIn(t, user.userId);
    const res = await change(headers, {
      currentPassword: user.password,
      newPassword: 'groundwork forever 1',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ path: 'newPassword', code: 'password_contains_context' }),
    ]);
  });

  it('changes it, keeps this session, revokes the others, audits and mails a notice', async () => {
    const user = await createUser(t, 'pw-ok');
    const current = await signIn(t, user.userId);
    const other = await signIn(t, user.userId);
    const res = await change(current.headers, { currentPassword: user.password, newPassword: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'password_changed' });
    const stored = await t.deps.db.user.findUniqueOrThrow({ where: { id: user.userId } });
    expect(await verifyPassword(stored.passwordHash as string, NEW_PASSWORD)).toBe(true);
    const sessions = await t.deps.db.session.findMany({ where: { userId: user.userId } });
    expect(sessions.find((s) => s.id === current.sessionId)?.revokedAt).toBeNull();
    expect(sessions.find((s) => s.id === other.sessionId)?.revokedAt).toBeInstanceOf(Date);
    expect((await me(other.headers)).statusCode).toBe(401);
    expect(await countEvents(t, 'user.password_changed', user.email)).toBe(1);
    expect(
      await t.deps.db.auditLog.count({ where: { targetId: user.userId, action: 'auth.password_changed' } }),
    ).toBe(1);
  });
});

describe('POST /v1/me/email', () => {
  it('mails a link to the new address; following it swaps the address and notifies the old one', async () => {
    const user = await createUser(t, 'email-old');
    const { headers } = await signIn(t, user.userId);
    const newEmail = uniqueEmail('email-new');
    const res = await post(t, '/v1/me/email', { newEmail: newEmail.toUpperCase() }, { headers });
    expect(res.statusCode).toBe(202);
    // Nothing changes until the link is followed.
    expect((await t.deps.db.user.findUniqueOrThrow({ where: { id: user.userId } })).email).toBe(user.email);
    const event = await lastEvent(t, 'user.verification_requested', newEmail);
    expect(event).toMatchObject({ userId: user.userId, purpose: 'change_email' });

    const confirm = await post(t, '/v1/auth/verify-email', { token: event?.token });
    expect(confirm.json()).toEqual({
      status: 'verified',
      purpose: 'change_email',
      email: newEmail,
      signedIn: false,
    });
    expect((await t.deps.db.user.findUniqueOrThrow({ where: { id: user.userId } })).email).toBe(newEmail);
    expect(await lastEvent(t, 'user.email_changed', user.email)).toMatchObject({ newEmail });
    const audit = await t.deps.db.auditLog.findFirstOrThrow({
      where: { targetId: user.userId, action: 'auth.email_changed' },
    });
    expect(audit.diff).toMatchObject({ before: { email: user.email }, after: { email: newEmail } });
  });

  it('answers 409 on confirmation when another account took the address meanwhile', async () => {
    const user = await createUser(t, 'email-race');
    const { headers } = await signIn(t, user.userId);
    const newEmail = uniqueEmail('email-taken');
    expect((await post(t, '/v1/me/email', { newEmail }, { headers })).statusCode).toBe(202);
    const token = (await lastEvent(t, 'user.verification_requested', newEmail))?.token;
    await t.deps.db.user.create({ data: { email: newEmail, name: 'Squatter' } });
    const res = await post(t, '/v1/auth/verify-email', { token });
    expect(res.statusCode).toBe(409);
    expect((await t.deps.db.user.findUniqueOrThrow({ where: { id: user.userId } })).email).toBe(user.email);
  });

  it('needs sudo mode and refuses the current address', async () => {
    const user = await createUser(t, 'email-sudo');
    const stale = await signIn(t, user.userId, { authAgeSeconds: t.deps.env.SUDO_WINDOW_SECONDS + 60 });
    expect(
      (await post(t, '/v1/me/email', { newEmail: uniqueEmail('x') }, { headers: stale.headers })).statusCode,
    ).toBe(403);
    const fresh = await signIn(t, user.userId);
    const same = await post(
      t,
      '/v1/me/email',
      { newEmail: user.email.toUpperCase() },
      { headers: fresh.headers },
    );
    expect(same.statusCode).toBe(400);
  });
});
