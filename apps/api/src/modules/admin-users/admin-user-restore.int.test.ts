import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { signInWithBody } from '../auth/auth.test-support';
import { bearerFor, createOrgUser, type WorldUser } from '../orgs/orgs.test-support';
import { get, post } from './admin-users.test-support';

let t: TestApp;
let admin: WorldUser;
beforeAll(async () => {
  t = await buildTestApp({ USER_DELETION_GRACE_DAYS: '30' });
  admin = await createOrgUser(t, { globalRole: 'admin', prefix: 'restorer', name: 'Restoring Admin' });
});
afterAll(async () => t?.close());

const DAY = 86_400_000;
const restore = (userId: string, auth = admin.auth) => post(t, `/v1/admin/users/${userId}/restore`, auth);
const del = (userId: string) =>
  t.app.inject({
    method: 'DELETE',
    url: `/v1/admin/users/${userId}`,
    headers: { authorization: admin.auth },
  });
const restoredRows = (userId: string) =>
  t.deps.db.auditLog.findMany({
    where: { action: 'admin.user_restored', targetType: 'user', targetId: userId },
  });

function expectProblem(res: Awaited<ReturnType<typeof restore>>, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.headers['x-request-id']).toBeTruthy();
  expect(res.json()).toMatchObject({ status, code, requestId: expect.any(String) });
}

describe('POST /v1/admin/users/:userId/restore', () => {
  it('undoes a deletion within the grace period: audited, the user signs in again', async () => {
    const user = await createOrgUser(t, { prefix: 'restored' });
    expect((await del(user.id)).statusCode).toBe(200);
    expect((await signInWithBody(t, user.email)).res.statusCode).toBe(401);

    const detail = (await get(t, `/v1/admin/users/${user.id}`, admin.auth)).json();
    expect(detail.status).toBe('deleted');
    expect(new Date(detail.purgeAfter).getTime() - new Date(detail.deletedAt).getTime()).toBe(30 * DAY);

    const res = await restore(user.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({ id: user.id, status: 'active' });
    const row = await t.deps.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.deletedAt).toBeNull();
    const [audit, ...more] = await restoredRows(user.id);
    expect(more).toHaveLength(0);
    expect(audit).toMatchObject({ actorId: admin.id, requestId: expect.any(String) });
    expect(audit?.diff).toMatchObject({ after: { deletedAt: null } });
    expect((await signInWithBody(t, user.email)).res.statusCode).toBe(200);
    expect((await get(t, `/v1/admin/users/${user.id}`, admin.auth)).json().purgeAfter).toBeNull();
  });

  it('409 user_not_deleted for an account that is not deleted (and for a second restore)', async () => {
    const user = await createOrgUser(t, { prefix: 'alive' });
    expectProblem(await restore(user.id), 409, 'user_not_deleted');
    expect(await restoredRows(user.id)).toHaveLength(0);

    await del(user.id);
    const [a, b] = await Promise.all([restore(user.id), restore(user.id)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((a.statusCode === 409 ? a : b).json().code).toBe('user_not_deleted');
    expect(await restoredRows(user.id)).toHaveLength(1);
  });

  it('409 user_restore_expired once the grace period is over', async () => {
    const user = await createOrgUser(t, { prefix: 'expired' });
    await t.deps.db.user.update({
      where: { id: user.id },
      data: { deletedAt: new Date(Date.now() - 30 * DAY - 60_000) },
    });
    expectProblem(await restore(user.id), 409, 'user_restore_expired');
    expect((await t.deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).deletedAt).not.toBeNull();
  });

  it('404 once purged (or never existed)', async () => {
    const user = await createOrgUser(t, { prefix: 'purged' });
    await del(user.id);
    await t.deps.db.user.delete({ where: { id: user.id } });
    expectProblem(await restore(user.id), 404, 'not_found');
    expectProblem(await restore(randomUUID()), 404, 'not_found');
    expectProblem(await restore('not-a-uuid'), 400, 'validation_failed');
  });

  it('admins only, with a recent authentication (sudo)', async () => {
    const user = await createOrgUser(t, { prefix: 'guarded' });
    await del(user.id);
    const member = await createOrgUser(t, { prefix: 'plain' });
    expectProblem(await restore(user.id, member.auth), 403, 'forbidden');
    expectProblem(await restore(user.id, bearerFor(t, admin.id, 'admin', 24 * 3600)), 403, 'reauth_required');
    const anonymous = await t.app.inject({ method: 'POST', url: `/v1/admin/users/${user.id}/restore` });
    expect(anonymous.statusCode).toBe(401);
    expect((await t.deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).deletedAt).not.toBeNull();
  });
});
