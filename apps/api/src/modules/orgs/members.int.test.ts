import type { OutboxEventPayload } from '@repo/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { addMember, createOrg, createOrgUser, createOrgWorld } from './orgs.test-support';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

type Method = 'GET' | 'PATCH' | 'DELETE';
const call = (method: Method, url: string, auth: string, payload?: object) =>
  t.app.inject({ method, url, headers: { authorization: auth }, ...(payload ? { payload } : {}) });
const setRole = (orgId: string, userId: string, auth: string, role: string) =>
  call('PATCH', `/v1/orgs/${orgId}/members/${userId}`, auth, { role });

function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json()).toMatchObject({ status, code });
}

const roleOf = async (organizationId: string, userId: string) =>
  (await t.deps.db.membership.findUnique({ where: { organizationId_userId: { organizationId, userId } } }))
    ?.role;
/** The acting key's id in an audit diff; the audit redactor masks `apiKey*` keys for now. */
const keyIdOrMasked = (id: string) => expect.stringMatching(new RegExp(`^(${id}|\\[redacted\\])$`));
const audits = (organizationId: string, action: string) =>
  t.deps.db.auditLog.findMany({ where: { organizationId, action }, orderBy: { createdAt: 'asc' } });
const roleMails = (userId: string) =>
  t.deps.db.outboxEvent.findMany({
    where: { type: 'org.member_role_changed', payload: { path: ['userId'], equals: userId } },
  });

describe('GET /v1/orgs/:orgId/members', () => {
  it('pages by membership in join order and filters by name or email', async () => {
    const org = await createOrg(t, 'Roster');
    const names = ['Ann Archer', 'Bob Baker', 'Cid Carter', 'Dee Dalton', 'Eve Evans'];
    const users = [];
    for (const name of names) {
      const user = await createOrgUser(t, { prefix: name.split(' ')[0]?.toLowerCase() ?? 'x', name });
      const membership = await addMember(t, org.id, user.id, users.length === 0 ? 'owner' : 'member');
      // Distinct join times, so the expected order does not hang on id tie-breaks within a millisecond.
      const createdAt = new Date(Date.UTC(2026, 0, 1, 0, 0, users.length));
      await t.deps.db.membership.update({ where: { id: membership.id }, data: { createdAt } });
      users.push(user);
    }
    const [ann] = users;
    if (!ann) throw new Error('no users');
    const url = `/v1/orgs/${org.id}/members`;
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call('GET', `${url}?limit=2${cursor ? `&cursor=${cursor}` : ''}`, ann.auth);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { members: { name: string }[]; nextCursor: string | null };
      expect(body.members.length).toBeLessThanOrEqual(2);
      seen.push(...body.members.map((m) => m.name));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(names);
    expect(pages).toBe(3);

    const first = (await call('GET', url, ann.auth)).json();
    expect(first.members[0]).toEqual({
      userId: ann.id,
      name: 'Ann Archer',
      email: ann.email,
      role: 'owner',
      joinedAt: expect.any(String),
      avatarUrl: null,
    });
    expect(first.nextCursor).toBeNull();

    const byName = (await call('GET', `${url}?q=DALTON`, ann.auth)).json();
    expect(byName.members.map((m: { name: string }) => m.name)).toEqual(['Dee Dalton']);
    const byEmail = (
      await call('GET', `${url}?q=${encodeURIComponent(users[1]?.email.toUpperCase() ?? '')}`, ann.auth)
    ).json();
    expect(byEmail.members.map((m: { name: string }) => m.name)).toEqual(['Bob Baker']);

    // A cursor from another organization is not a position in this one.
    const stranger = await createOrg(t, 'Elsewhere');
    const foreignMembership = await addMember(t, stranger.id, ann.id, 'member');
    expectProblem(
      await call('GET', `${url}?cursor=${foreignMembership.id}`, ann.auth),
      400,
      'validation_failed',
    );
    expectProblem(await call('GET', `${url}?limit=0`, ann.auth), 400, 'validation_failed');
  });
});

describe('PATCH /v1/orgs/:orgId/members/:userId', () => {
  it('changes a role (audited) and mails the member; the same role is a silent no-op', async () => {
    const w = await createOrgWorld(t);
    const res = await setRole(w.org.id, w.member.id, w.owner.auth, 'admin');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ userId: w.member.id, role: 'admin', email: w.member.email });
    expect(await roleOf(w.org.id, w.member.id)).toBe('admin');
    expect(await audits(w.org.id, 'org.member_role_changed')).toMatchObject([
      {
        actorId: w.owner.id,
        targetId: w.member.id,
        diff: { before: { role: 'member' }, after: { role: 'admin' } },
      },
    ]);
    const mails = await roleMails(w.member.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.payload as OutboxEventPayload<'org.member_role_changed'>).toEqual({
      userId: w.member.id,
      email: w.member.email,
      locale: 'en',
      timeZone: 'UTC',
      organizationName: 'Acme',
      role: 'admin',
      previousRole: 'member',
      changedByName: 'Olivia Owner',
    });

    const same = await setRole(w.org.id, w.member.id, w.owner.auth, 'admin');
    expect(same.statusCode).toBe(200);
    expect(await audits(w.org.id, 'org.member_role_changed')).toHaveLength(1);
    expect(await roleMails(w.member.id)).toHaveLength(1);
  });

  it('lets a members:write key manage members below owner, without a name in the mail', async () => {
    const w = await createOrgWorld(t);
    const res = await setRole(w.org.id, w.member.id, w.writeKey.auth, 'admin');
    expect(res.statusCode, res.body).toBe(200);
    expect((await roleMails(w.member.id))[0]?.payload).toMatchObject({ changedByName: null });
    expect(await audits(w.org.id, 'org.member_role_changed')).toMatchObject([
      { actorId: null, diff: { after: { role: 'admin', apiKeyId: keyIdOrMasked(w.writeKey.row.id) } } },
    ]);
    expectProblem(await setRole(w.org.id, w.member.id, w.writeKey.auth, 'owner'), 403, 'role_not_allowed');
    expectProblem(await setRole(w.org.id, w.owner.id, w.writeKey.auth, 'member'), 403, 'role_not_allowed');
    expectProblem(await setRole(w.org.id, w.member.id, w.readKey.auth, 'member'), 403, 'forbidden');
    const denied = await audits(w.org.id, 'org.access_denied');
    // Two rank refusals of the write key, then the read key's missing scope.
    expect(denied).toHaveLength(3);
    expect(denied[0]).toMatchObject({
      actorId: null,
      diff: { after: { apiKeyId: keyIdOrMasked(w.writeKey.row.id) } },
    });
    expect(denied.map((d) => (d.diff as { after: { apiKeyId?: string } }).after.apiKeyId)).toContain(
      w.readKey.row.id,
    );
  });

  describe('privilege escalation attempts are refused and audited', () => {
    it('a member changing their own role → 403 forbidden', async () => {
      const w = await createOrgWorld(t);
      expectProblem(await setRole(w.org.id, w.member.id, w.member.auth, 'owner'), 403, 'forbidden');
      expect(await roleOf(w.org.id, w.member.id)).toBe('member');
      expect(await audits(w.org.id, 'org.access_denied')).toMatchObject([
        { actorId: w.member.id, diff: { after: { permission: 'members:manage', role: 'member' } } },
      ]);
    });

    it('an admin promoting someone (or themself) to owner → 403 role_not_allowed', async () => {
      const w = await createOrgWorld(t);
      expectProblem(await setRole(w.org.id, w.member.id, w.admin.auth, 'owner'), 403, 'role_not_allowed');
      expectProblem(await setRole(w.org.id, w.admin.id, w.admin.auth, 'owner'), 403, 'role_not_allowed');
      expect(await roleOf(w.org.id, w.member.id)).toBe('member');
      expect(await roleOf(w.org.id, w.admin.id)).toBe('admin');
      const denied = await audits(w.org.id, 'org.access_denied');
      expect(denied).toMatchObject([
        {
          actorId: w.admin.id,
          targetId: w.member.id,
          diff: { after: { role: 'owner', code: 'role_not_allowed' } },
        },
        {
          actorId: w.admin.id,
          targetId: w.admin.id,
          diff: { after: { role: 'owner', code: 'role_not_allowed' } },
        },
      ]);
      expect(await roleMails(w.member.id)).toHaveLength(0);
    });

    it('an admin demoting the (last) owner → 403 role_not_allowed', async () => {
      const w = await createOrgWorld(t);
      expectProblem(await setRole(w.org.id, w.owner.id, w.admin.auth, 'member'), 403, 'role_not_allowed');
      expect(await roleOf(w.org.id, w.owner.id)).toBe('owner');
      expect(await audits(w.org.id, 'org.access_denied')).toMatchObject([
        { actorId: w.admin.id, targetId: w.owner.id, diff: { after: { code: 'role_not_allowed' } } },
      ]);
    });

    it('the last owner demoting themself → 409 last_owner', async () => {
      const w = await createOrgWorld(t);
      expectProblem(await setRole(w.org.id, w.owner.id, w.owner.auth, 'admin'), 409, 'last_owner');
      expect(await roleOf(w.org.id, w.owner.id)).toBe('owner');
      expect(await audits(w.org.id, 'org.access_denied')).toMatchObject([
        { actorId: w.owner.id, targetId: w.owner.id, diff: { after: { code: 'last_owner' } } },
      ]);
      expect(await audits(w.org.id, 'org.member_role_changed')).toHaveLength(0);
    });
  });

  it('two owners demoting each other at once: exactly one wins, the loser acts with its new role, an owner remains', async () => {
    for (let round = 0; round < 5; round++) {
      const w = await createOrgWorld(t);
      await t.deps.db.membership.updateMany({
        where: { organizationId: w.org.id, userId: w.admin.id },
        data: { role: 'owner' },
      });
      const results = await Promise.all([
        setRole(w.org.id, w.admin.id, w.owner.auth, 'member'),
        setRole(w.org.id, w.owner.id, w.admin.auth, 'member'),
      ]);
      // The loser's role is read again under the lock: it is a member by then, so it may no
      // longer touch an owner at all.
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 403]);
      const loser = results.find((r) => r.statusCode === 403);
      expect(loser?.json().code).toBe('role_not_allowed');
      expect(await t.deps.db.membership.count({ where: { organizationId: w.org.id, role: 'owner' } })).toBe(
        1,
      );
      expect(await audits(w.org.id, 'org.member_role_changed')).toHaveLength(1);
    }
  });

  it('answers 404 for a user who is not a member, 400 for a bad role', async () => {
    const w = await createOrgWorld(t);
    expectProblem(await setRole(w.org.id, w.otherOwner.id, w.owner.auth, 'admin'), 404, 'not_found');
    expectProblem(await setRole(w.org.id, w.member.id, w.owner.auth, 'superuser'), 400, 'validation_failed');
    expect(await roleOf(w.org.id, w.otherOwner.id)).toBeUndefined();
  });
});

describe('DELETE /v1/orgs/:orgId/members/:userId', () => {
  it('removes a member (audited, active organization cleared)', async () => {
    const w = await createOrgWorld(t);
    await t.deps.db.user.update({ where: { id: w.member.id }, data: { activeOrganizationId: w.org.id } });
    const res = await call('DELETE', `/v1/orgs/${w.org.id}/members/${w.member.id}`, w.admin.auth);
    expect(res.statusCode, res.body).toBe(204);
    expect(await roleOf(w.org.id, w.member.id)).toBeUndefined();
    expect(
      (await t.deps.db.user.findUniqueOrThrow({ where: { id: w.member.id } })).activeOrganizationId,
    ).toBeNull();
    expect(await audits(w.org.id, 'org.member_removed')).toMatchObject([
      { actorId: w.admin.id, targetId: w.member.id, diff: { before: { role: 'member' } } },
    ]);
    expectProblem(await call('GET', `/v1/orgs/${w.org.id}`, w.member.auth), 404, 'not_found');
    expectProblem(
      await call('DELETE', `/v1/orgs/${w.org.id}/members/${w.member.id}`, w.admin.auth),
      404,
      'not_found',
    );
  });

  it('refuses removing a higher role (403, audited), oneself (400) and lets an owner remove a co-owner', async () => {
    const w = await createOrgWorld(t);
    const url = (id: string) => `/v1/orgs/${w.org.id}/members/${id}`;
    expectProblem(await call('DELETE', url(w.owner.id), w.admin.auth), 403, 'role_not_allowed');
    expect(await roleOf(w.org.id, w.owner.id)).toBe('owner');
    expect(await audits(w.org.id, 'org.access_denied')).toMatchObject([
      { actorId: w.admin.id, targetId: w.owner.id, diff: { after: { attempt: 'remove_member' } } },
    ]);
    expectProblem(await call('DELETE', url(w.owner.id), w.owner.auth), 400, 'bad_request');
    expectProblem(await call('DELETE', url(w.owner.id.toUpperCase()), w.owner.auth), 400, 'bad_request');
    expectProblem(await call('DELETE', url(w.admin.id), w.member.auth), 403, 'forbidden');
    expectProblem(await call('DELETE', url(w.owner.id), w.writeKey.auth), 403, 'role_not_allowed');

    const coOwner = await createOrgUser(t, { prefix: 'coowner' });
    await addMember(t, w.org.id, coOwner.id, 'owner');
    expect((await call('DELETE', url(coOwner.id), w.owner.auth)).statusCode).toBe(204);
    expect(await t.deps.db.membership.count({ where: { organizationId: w.org.id, role: 'owner' } })).toBe(1);
  });
});
