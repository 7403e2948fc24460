import { randomUUID } from 'node:crypto';
import { createPersonalOrganization } from '@repo/organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { hashToken } from '../../lib/crypto-tokens';
import { randomIp } from '../auth/auth.test-support';
import { bearerFor, createKey, createOrgUser, createOrgWorld } from './orgs.test-support';

/**
 * Regressions for a security review of organizations, API keys and admin actions: each case
 * below was a way to keep or gain access that the rules meant to take away.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ RATE_LIMIT_MAX: '5', API_KEY_RATE_LIMIT_MAX: '1000' });
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, auth: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    remoteAddress: randomIp(),
    headers: { authorization: auth },
    ...(payload ? { payload } : {}),
  });

async function pendingInvitation(orgId: string, invitedById: string, role: 'owner' | 'admin' | 'member') {
  return t.deps.db.invitation.create({
    data: {
      organizationId: orgId,
      email: `${randomUUID()}@example.test`,
      role,
      invitedById,
      tokenHash: hashToken(randomUUID()),
      expiresAt: new Date(Date.now() + 86_400_000),
      lastSentAt: new Date(),
    },
  });
}
const revokedAt = async (id: string) =>
  (await t.deps.db.invitation.findUniqueOrThrow({ where: { id } })).revokedAt;

describe('invitations do not outlive their sender’s rights', () => {
  it('removing an admin withdraws the invitations they sent; others stay', async () => {
    const w = await createOrgWorld(t);
    const theirs = await pendingInvitation(w.org.id, w.admin.id, 'admin');
    const ownersOwn = await pendingInvitation(w.org.id, w.owner.id, 'member');
    const res = await call('DELETE', `/v1/orgs/${w.org.id}/members/${w.admin.id}`, w.owner.auth);
    expect(res.statusCode, res.body).toBe(204);
    expect(await revokedAt(theirs.id)).not.toBeNull();
    expect(await revokedAt(ownersOwn.id)).toBeNull();
  });

  it('demoting an owner to admin withdraws only the owner invitations they sent', async () => {
    const w = await createOrgWorld(t);
    await t.deps.db.membership.updateMany({
      where: { organizationId: w.org.id, userId: w.admin.id },
      data: { role: 'owner' },
    });
    const ownerInvite = await pendingInvitation(w.org.id, w.admin.id, 'owner');
    const adminInvite = await pendingInvitation(w.org.id, w.admin.id, 'admin');
    const res = await call('PATCH', `/v1/orgs/${w.org.id}/members/${w.admin.id}`, w.owner.auth, {
      role: 'admin',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await revokedAt(ownerInvite.id)).not.toBeNull();
    expect(await revokedAt(adminInvite.id)).toBeNull();
  });
});

describe('owners who cannot sign in do not count', () => {
  it('the last usable owner cannot leave while the other owner is deleted', async () => {
    const w = await createOrgWorld(t);
    await t.deps.db.membership.updateMany({
      where: { organizationId: w.org.id, userId: w.admin.id },
      data: { role: 'owner' },
    });
    await t.deps.db.user.update({ where: { id: w.admin.id }, data: { deletedAt: new Date() } });
    const res = await call('POST', `/v1/orgs/${w.org.id}/leave`, w.owner.auth);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('last_owner');
  });

  it('ownership cannot be transferred to a disabled account', async () => {
    const w = await createOrgWorld(t);
    await t.deps.db.user.update({ where: { id: w.member.id }, data: { disabledAt: new Date() } });
    const res = await call('POST', `/v1/orgs/${w.org.id}/transfer-ownership`, w.owner.auth, {
      userId: w.member.id,
    });
    expect(res.statusCode, res.body).toBe(409);
    const owner = await t.deps.db.membership.findFirst({
      where: { organizationId: w.org.id, role: 'owner' },
    });
    expect(owner?.userId).toBe(w.owner.id);
  });
});

describe('API keys and rate limits', () => {
  it('a key does not buy a fresh budget on public routes: those are charged to the address', async () => {
    const w = await createOrgWorld(t);
    const ip = randomIp();
    const keys = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(() => createKey(t, w.org.id, ['organization:read'])),
    );
    const statuses: number[] = [];
    for (const key of keys) {
      const res = await t.app.inject({
        url: '/v1/meta',
        remoteAddress: ip,
        headers: { authorization: key.auth },
      });
      statuses.push(res.statusCode);
    }
    // RATE_LIMIT_MAX is 5 per address here: the sixth request is refused whatever key it carries.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('a key refused for lack of scope leaves an audit record', async () => {
    const w = await createOrgWorld(t);
    const res = await call('PATCH', `/v1/orgs/${w.org.id}`, w.readKey.auth, { name: 'Renamed' });
    expect(res.statusCode).toBe(403);
    const denied = await t.deps.db.auditLog.findMany({
      where: { organizationId: w.org.id, action: 'org.access_denied' },
    });
    expect(denied).toHaveLength(1);
    expect(denied[0]?.diff).toMatchObject({
      after: { apiKeyId: w.readKey.row.id, permission: 'org:update' },
    });
  });
});

describe('admin actions that could hand an account over', () => {
  it('resetting 2FA and disabling need a recent password; one’s own 2FA is not reset here', async () => {
    const admin = await createOrgUser(t, { prefix: 'hardening-admin', globalRole: 'admin' });
    const target = await createOrgUser(t, { prefix: 'hardening-target' });
    const stale = bearerFor(t, admin.id, 'admin', 3600);
    for (const path of ['reset-two-factor', 'disable']) {
      const res = await call('POST', `/v1/admin/users/${target.id}/${path}`, stale);
      expect(res.statusCode, path).toBe(403);
      expect(res.json().code, path).toBe('reauth_required');
    }
    const self = await call('POST', `/v1/admin/users/${admin.id.toUpperCase()}/reset-two-factor`, admin.auth);
    expect(self.statusCode, self.body).toBe(409);
    const selfDelete = await call('DELETE', `/v1/admin/users/${admin.id.toUpperCase()}`, admin.auth);
    expect(selfDelete.statusCode, selfDelete.body).toBe(409);
  });
});

describe('personal organizations', () => {
  it('take no invitations (409 org_personal): they are their holder’s alone', async () => {
    const holder = await createOrgUser(t, { prefix: 'personal-holder' });
    const org = await t.deps.db.$transaction((tx) =>
      createPersonalOrganization(tx, { id: holder.id, name: holder.name }, new Date()),
    );
    const res = await call('POST', `/v1/orgs/${org.id}/invitations`, holder.auth, {
      email: `${randomUUID()}@example.test`,
      role: 'owner',
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('org_personal');
    expect(await t.deps.db.invitation.count({ where: { organizationId: org.id } })).toBe(0);
  });
});
