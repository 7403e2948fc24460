import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { generateToken, hashToken } from '../../lib/crypto-tokens';
import { bearer, PASSWORD, randomIp, signInWithBody } from '../auth/auth.test-support';
import { bearerFor, createOrgUser, type WorldUser } from '../orgs/orgs.test-support';
import { get, post } from './admin-users.test-support';

let t: TestApp;
let admin: WorldUser;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await createOrgUser(t, { globalRole: 'admin', prefix: 'acting', name: 'Acting Admin' });
});
afterAll(async () => t?.close());

const patchRole = (userId: string, role: string, auth = admin.auth) =>
  t.app.inject({
    method: 'PATCH',
    url: `/v1/admin/users/${userId}`,
    headers: { authorization: auth },
    payload: { role },
  });
const del = (userId: string, auth = admin.auth) =>
  t.app.inject({ method: 'DELETE', url: `/v1/admin/users/${userId}`, headers: { authorization: auth } });
const action = (userId: string, name: string, auth = admin.auth) =>
  post(t, `/v1/admin/users/${userId}/${name}`, auth);

const auditRows = (userId: string, actionName: string) =>
  t.deps.db.auditLog.findMany({ where: { action: actionName, targetType: 'user', targetId: userId } });

async function expectAudit(userId: string, actionName: string) {
  const rows = await auditRows(userId, actionName);
  expect(rows).toHaveLength(1);
  expect(rows[0]?.actorId).toBe(admin.id);
  expect(rows[0]?.requestId).toBeTruthy();
  return rows[0];
}

const signIn = (email: string) =>
  t.app.inject({
    method: 'POST',
    url: '/v1/auth/sign-in',
    remoteAddress: randomIp(),
    payload: { email, password: PASSWORD, tokenDelivery: 'body' },
  });

/** Polls `url` with the token until it answers 401 (revocation travels through Redis pub/sub). */
async function statusWithin(url: string, accessToken: string, ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  let status = 200;
  while (Date.now() < deadline) {
    status = (await t.app.inject({ method: 'GET', url, headers: bearer(accessToken) })).statusCode;
    if (status === 401) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return status;
}

const liveSessions = (userId: string) => t.deps.db.session.count({ where: { userId, revokedAt: null } });

describe('disable / enable', () => {
  it('disable ends the sessions at once and refuses sign-in; enable lets the user back in', async () => {
    const user = await createOrgUser(t, { prefix: 'victim' });
    const { tokens } = await signInWithBody(t, user.email);
    expect((await get(t, '/v1/me', `Bearer ${tokens.accessToken}`)).statusCode).toBe(200);

    const res = await action(user.id, 'disable');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({ id: user.id, status: 'disabled' });
    expect(await statusWithin('/v1/me', tokens.accessToken, 2000)).toBe(401);
    expect(await liveSessions(user.id)).toBe(0);
    const refused = await signIn(user.email);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('invalid_credentials');
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      payload: { refreshToken: tokens.refreshToken },
    });
    expect(refresh.statusCode).toBe(401);
    const row = await expectAudit(user.id, 'admin.user_disabled');
    expect(row?.diff).toMatchObject({ before: { disabledAt: null }, after: { revokedSessions: 1 } });

    expect((await action(user.id, 'disable')).statusCode).toBe(409);

    const enabled = await action(user.id, 'enable');
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json().user.status).toBe('active');
    expect((await signIn(user.email)).statusCode).toBe(200);
    await expectAudit(user.id, 'admin.user_enabled');
    expect((await action(user.id, 'enable')).statusCode).toBe(409);
  });

  it('refuses to disable yourself or the last active admin (409), unknown user 404', async () => {
    const self = await action(admin.id, 'disable');
    expect(self.statusCode).toBe(409);
    expect(self.json()).toMatchObject({ code: 'conflict', detail: expect.stringContaining('your own') });
    expect((await t.deps.db.user.findUniqueOrThrow({ where: { id: admin.id } })).disabledAt).toBeNull();
    expect((await action(randomUUID(), 'disable')).statusCode).toBe(404);
  });
});

describe('PATCH role', () => {
  it('a promotion applies at the next refresh; a demotion revokes the sessions at once', async () => {
    const user = await createOrgUser(t, { prefix: 'promoted' });
    const { tokens } = await signInWithBody(t, user.email);
    expect((await get(t, '/v1/admin/users', `Bearer ${tokens.accessToken}`)).statusCode).toBe(403);

    const promoted = await patchRole(user.id, 'admin');
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(promoted.json().user.role).toBe('admin');
    const row = await expectAudit(user.id, 'admin.user_role_changed');
    expect(row?.diff).toMatchObject({ before: { role: 'user' }, after: { role: 'admin' } });

    // The refresh reads the role from the database, so the new access token carries it.
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      payload: { refreshToken: tokens.refreshToken },
    });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    const adminToken = refreshed.json().tokens.accessToken as string;
    expect((await get(t, '/v1/admin/users?limit=1', `Bearer ${adminToken}`)).statusCode).toBe(200);

    const demoted = await patchRole(user.id, 'user');
    expect(demoted.statusCode).toBe(200);
    expect(await statusWithin('/v1/admin/users?limit=1', adminToken, 2000)).toBe(401);
    expect(await liveSessions(user.id)).toBe(0);
    expect(await auditRows(user.id, 'admin.user_role_changed')).toHaveLength(2);

    // Same role again: nothing to do, nothing audited.
    expect((await patchRole(user.id, 'user')).statusCode).toBe(200);
    expect(await auditRows(user.id, 'admin.user_role_changed')).toHaveLength(2);
  });

  it('refuses demoting yourself and the last active admin (409)', async () => {
    const self = await patchRole(admin.id, 'user');
    expect(self.statusCode).toBe(409);
    expect((await t.deps.db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe('admin');

    // Make `last` the only active admin in this database, then act with a token whose admin claim
    // outlived its owner's role (the guard trusts the token; the service checks the database).
    const last = await createOrgUser(t, { globalRole: 'admin', prefix: 'last' });
    const former = await createOrgUser(t, { prefix: 'former' });
    await t.deps.db.user.updateMany({
      where: { role: 'admin', id: { not: last.id } },
      data: { role: 'user' },
    });
    try {
      const caller = bearerFor(t, former.id, 'admin');
      const demote = await patchRole(last.id, 'user', caller);
      expect(demote.statusCode).toBe(409);
      expect(demote.json().detail).toMatch(/last active admin/);
      expect((await action(last.id, 'disable', caller)).statusCode).toBe(409);
      expect((await del(last.id, caller)).statusCode).toBe(409);
      const still = await t.deps.db.user.findUniqueOrThrow({ where: { id: last.id } });
      expect(still).toMatchObject({ role: 'admin', disabledAt: null, deletedAt: null });
      expect(await auditRows(last.id, 'admin.user_role_changed')).toHaveLength(0);
    } finally {
      await t.deps.db.user.update({ where: { id: admin.id }, data: { role: 'admin' } });
    }
  });

  it('needs sudo: a stale authentication → 403 reauth_required, nothing changes', async () => {
    const user = await createOrgUser(t);
    const stale = bearerFor(t, admin.id, 'admin', 24 * 3600);
    for (const res of [await patchRole(user.id, 'admin', stale), await del(user.id, stale)]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('reauth_required');
    }
    expect(await t.deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      role: 'user',
      deletedAt: null,
    });
    // Non-sudo actions work with the same token.
    expect((await action(user.id, 'sign-out', stale)).statusCode).toBe(200);
  });

  it('validates the body', async () => {
    const user = await createOrgUser(t);
    expect((await patchRole(user.id, 'owner')).statusCode).toBe(400);
  });
});

describe('sign-out, reset 2FA, resend verification, delete', () => {
  it('sign-out revokes every session and reports how many', async () => {
    const user = await createOrgUser(t);
    const a = await signInWithBody(t, user.email);
    await signInWithBody(t, user.email);
    const res = await action(user.id, 'sign-out');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ revokedSessions: 2 });
    expect(await statusWithin('/v1/me', a.tokens.accessToken, 2000)).toBe(401);
    const row = await expectAudit(user.id, 'admin.user_signed_out');
    expect(row?.diff).toMatchObject({ after: { revokedSessions: 2 } });
  });

  it('reset-two-factor removes the factor, backup codes and trusted devices and mails the user', async () => {
    const user = await createOrgUser(t);
    const db = t.deps.db;
    await db.twoFactor.create({
      data: { userId: user.id, secretCiphertext: 'sealed', enabledAt: new Date() },
    });
    await db.backupCode.create({ data: { userId: user.id, codeHash: hashToken(generateToken()) } });
    await db.trustedDevice.create({
      data: {
        userId: user.id,
        tokenHash: hashToken(generateToken()),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const res = await action(user.id, 'reset-two-factor');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.twoFactorEnabled).toBe(false);
    expect(await db.twoFactor.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.backupCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.trustedDevice.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    const mails = await db.outboxEvent.findMany({ where: { type: 'user.two_factor_disabled' } });
    expect(mails.filter((m) => (m.payload as { userId: string }).userId === user.id)).toHaveLength(1);
    await expectAudit(user.id, 'admin.user_two_factor_reset');
    expect((await action(user.id, 'reset-two-factor')).statusCode).toBe(409);
  });

  it('resend-verification queues a fresh link for an unverified account only', async () => {
    const user = await createOrgUser(t);
    await t.deps.db.user.update({ where: { id: user.id }, data: { emailVerifiedAt: null } });
    const res = await action(user.id, 'resend-verification');
    expect(res.statusCode, res.body).toBe(200);
    const events = await t.deps.db.outboxEvent.findMany({ where: { type: 'user.verification_requested' } });
    expect(events.filter((e) => (e.payload as { userId: string }).userId === user.id)).toHaveLength(1);
    expect(
      await t.deps.db.emailToken.count({ where: { userId: user.id, purpose: 'verify_email', usedAt: null } }),
    ).toBe(1);
    await expectAudit(user.id, 'admin.user_verification_resent');

    const verified = await createOrgUser(t);
    const conflict = await action(verified.id, 'resend-verification');
    expect(conflict.statusCode).toBe(409);
    expect(await auditRows(verified.id, 'admin.user_verification_resent')).toHaveLength(0);
  });

  it('delete is soft: deletedAt set, sessions end, sign-in refused, hidden from the default list', async () => {
    const user = await createOrgUser(t, { prefix: 'doomed' });
    const { tokens } = await signInWithBody(t, user.email);
    const res = await del(user.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.status).toBe('deleted');
    expect(await statusWithin('/v1/me', tokens.accessToken, 2000)).toBe(401);
    expect((await t.deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).deletedAt).not.toBeNull();
    expect((await signIn(user.email)).statusCode).toBe(401);
    await expectAudit(user.id, 'admin.user_deleted');

    const q = encodeURIComponent(user.email);
    const hidden = (await get(t, `/v1/admin/users?q=${q}`, admin.auth)).json();
    expect(hidden.users.map((u: { id: string }) => u.id)).not.toContain(user.id);
    const shown = (await get(t, `/v1/admin/users?q=${q}&status=deleted`, admin.auth)).json();
    expect(shown.users.map((u: { id: string }) => u.id)).toContain(user.id);
    expect((await get(t, `/v1/admin/users/${user.id}`, admin.auth)).json().status).toBe('deleted');

    expect((await del(user.id)).statusCode).toBe(409);
    expect((await action(user.id, 'disable')).statusCode).toBe(409);
    expect((await del(admin.id)).statusCode).toBe(409);
  });
});
