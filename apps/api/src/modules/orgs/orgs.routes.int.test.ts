import { createPersonalOrganization } from '@repo/organizations';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { PASSWORD, post } from '../accounts/accounts.test-support';
import {
  addMember,
  bearerFor,
  createKey,
  createOrg,
  createOrgUser,
  createOrgWorld,
  type OrgWorld,
} from './orgs.test-support';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const call = (method: Method, url: string, auth: string, payload?: object) =>
  t.app.inject({ method, url, headers: { authorization: auth }, ...(payload ? { payload } : {}) });

function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.json()).toMatchObject({ status, code });
}

/** The acting key's id in an audit diff; the audit redactor masks `apiKey*` keys for now. */
const keyIdOrMasked = (id: string) => expect.stringMatching(new RegExp(`^(${id}|\\[redacted\\])$`));
const audits = (organizationId: string, action: string) =>
  t.deps.db.auditLog.findMany({ where: { organizationId, action }, orderBy: { createdAt: 'asc' } });

async function withPersonal(prefix: string) {
  const user = await createOrgUser(t, { prefix, name: 'Pat Personal' });
  const personal = await t.deps.db.$transaction((tx) =>
    createPersonalOrganization(tx, { id: user.id, name: user.name }, new Date()),
  );
  return { user, personal };
}

describe('GET /v1/orgs and PUT /v1/me/active-organization', () => {
  it('lists memberships personal first then by name, and switches the active organization', async () => {
    const { user, personal } = await withPersonal('mine');
    const zeta = await createOrg(t, 'Zeta');
    const alpha = await createOrg(t, 'Alpha');
    const foreign = await createOrg(t, 'Foreign');
    await addMember(t, zeta.id, user.id, 'admin');
    await addMember(t, alpha.id, user.id, 'member');

    const list = await call('GET', '/v1/orgs', user.auth);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({
      activeOrganizationId: personal.id,
      organizations: [
        {
          id: personal.id,
          name: 'Pat Personal',
          slug: personal.slug,
          personal: true,
          role: 'owner',
          logoUrl: null,
        },
        { id: alpha.id, name: 'Alpha', slug: alpha.slug, personal: false, role: 'member', logoUrl: null },
        { id: zeta.id, name: 'Zeta', slug: zeta.slug, personal: false, role: 'admin', logoUrl: null },
      ],
      nextCursor: null,
    });

    const switched = await call('PUT', '/v1/me/active-organization', user.auth, { organizationId: alpha.id });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().activeOrganizationId).toBe(alpha.id);
    const stored = await t.deps.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.activeOrganizationId).toBe(alpha.id);

    const notMine = await call('PUT', '/v1/me/active-organization', user.auth, {
      organizationId: foreign.id,
    });
    expectProblem(notMine, 404, 'not_found');
    expect((await t.deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).activeOrganizationId).toBe(
      alpha.id,
    );
    expectProblem(
      await call('PUT', '/v1/me/active-organization', user.auth, { organizationId: 'x' }),
      400,
      'validation_failed',
    );
  });

  it('falls back to the personal organization when the remembered one is no longer theirs', async () => {
    const { user, personal } = await withPersonal('fallback');
    const org = await createOrg(t, 'Gone');
    await addMember(t, org.id, user.id, 'member');
    await t.deps.db.user.update({ where: { id: user.id }, data: { activeOrganizationId: org.id } });
    await t.deps.db.membership.deleteMany({ where: { organizationId: org.id, userId: user.id } });
    const res = await call('GET', '/v1/orgs', user.auth);
    expect(res.json()).toMatchObject({ activeOrganizationId: personal.id });

    const loner = await createOrgUser(t, { prefix: 'loner' });
    expect((await call('GET', '/v1/orgs', loner.auth)).json()).toEqual({
      activeOrganizationId: null,
      organizations: [],
      nextCursor: null,
    });
  });

  it('refuses API keys and anonymous callers', async () => {
    const org = await createOrg(t, 'Keyed');
    const key = await createKey(t, org.id, ['organization:read']);
    expectProblem(await call('GET', '/v1/orgs', key.auth), 403, 'forbidden');
    expectProblem(await t.app.inject({ method: 'GET', url: '/v1/orgs' }), 401, 'unauthorized');
  });
});

describe('POST /v1/orgs', () => {
  it('creates an organization owned by the caller, made active, audited', async () => {
    const { user } = await withPersonal('creator');
    const res = await call('POST', '/v1/orgs', user.auth, { name: '  Ünïcorn Labs! ' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ name: 'Ünïcorn Labs!', personal: false, role: 'owner', memberCount: 1 });
    expect(body.slug).toMatch(/^unicorn-labs(-[a-z0-9]{6})?$/);
    const membership = await t.deps.db.membership.findUniqueOrThrow({
      where: { organizationId_userId: { organizationId: body.id, userId: user.id } },
    });
    expect(membership.role).toBe('owner');
    expect((await call('GET', '/v1/orgs', user.auth)).json().activeOrganizationId).toBe(body.id);
    expect(await audits(body.id, 'org.created')).toMatchObject([
      { actorId: user.id, targetId: body.id, diff: { after: { name: 'Ünïcorn Labs!', slug: body.slug } } },
    ]);

    // Same name again: the derived slug gets a random suffix instead of failing.
    const again = await call('POST', '/v1/orgs', user.auth, { name: 'Ünïcorn Labs!' });
    expect(again.statusCode).toBe(201);
    expect(again.json().slug).toMatch(/^unicorn-labs-[a-z0-9]{6}$/);
    expect(again.json().slug).not.toBe(body.slug);

    // Too short (or nothing ASCII) to be a slug on its own: padded with a random part.
    const short = await call('POST', '/v1/orgs', user.auth, { name: 'É' });
    expect(short.json().slug).toMatch(/^e-[a-z0-9]{6}$/);
    const arabic = await call('POST', '/v1/orgs', user.auth, { name: 'مؤسسة' });
    expect(arabic.json().slug).toMatch(/^org-[a-z0-9]{6}$/);
  });

  it('answers 409 slug_taken for a taken explicit slug, also when two creates race', async () => {
    const { user } = await withPersonal('slugs');
    const slug = `race-${Date.now().toString(36)}`;
    const results = await Promise.all([
      call('POST', '/v1/orgs', user.auth, { name: 'One', slug }),
      call('POST', '/v1/orgs', user.auth, { name: 'Two', slug }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const loser = results.find((r) => r.statusCode === 409);
    if (loser) expectProblem(loser, 409, 'slug_taken');
    expect(await t.deps.db.organization.count({ where: { slug } })).toBe(1);
    expectProblem(await call('POST', '/v1/orgs', user.auth, { name: 'Three', slug }), 409, 'slug_taken');
    expectProblem(
      await call('POST', '/v1/orgs', user.auth, { name: 'Bad', slug: '-no-' }),
      400,
      'validation_failed',
    );
    expectProblem(await call('POST', '/v1/orgs', user.auth, { name: '' }), 400, 'validation_failed');
  });
});

describe('names are single lines of text (@repo/contracts text.ts)', () => {
  it('an organization name with CR/LF, a control character or a bidi override is 400 validation_failed, not stored', async () => {
    const { user } = await withPersonal('ctl-name');
    const before = await t.deps.db.organization.count();
    // (NUL never gets this far: json-guard refuses it in any JSON body.)
    for (const name of ['Acme\r\nInc', 'Acme\u0085Inc', 'Acme\u202EcnI', 'Acme\tInc']) {
      const res = await call('POST', '/v1/orgs', user.auth, { name });
      expectProblem(res, 400, 'validation_failed');
      expect(res.json().errors, JSON.stringify(name)).toEqual([
        expect.objectContaining({
          path: 'name',
          message: 'must be a single line without control characters',
        }),
      ]);
    }
    expect(await t.deps.db.organization.count()).toBe(before);

    const created = await call('POST', '/v1/orgs', user.auth, { name: 'Acme 東京 🚀' });
    expect(created.statusCode, created.body).toBe(201);
    const renamed = await call('PATCH', `/v1/orgs/${created.json().id}`, user.auth, { name: 'Acme\r\nInc' });
    expectProblem(renamed, 400, 'validation_failed');
    expect((await t.deps.db.organization.findUniqueOrThrow({ where: { id: created.json().id } })).name).toBe(
      'Acme 東京 🚀',
    );
  });

  it('sign-up with a name holding CR/LF is 400 validation_failed and creates no account', async () => {
    const email = `ctl-${Date.now()}@example.test`;
    const res = await post(t, '/v1/auth/sign-up', { email, password: PASSWORD, name: 'Acme\r\nInc' });
    expectProblem(res, 400, 'validation_failed');
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'name' })]);
    expect(await t.deps.db.user.count({ where: { email } })).toBe(0);
  });
});

describe('GET and PATCH /v1/orgs/:orgId', () => {
  let w: OrgWorld;
  beforeAll(async () => {
    w = await createOrgWorld(t);
  });

  it('shows the organization with the caller’s role and the member count', async () => {
    const res = await call('GET', `/v1/orgs/${w.org.id}`, w.member.auth);
    expect(res.json()).toEqual({
      id: w.org.id,
      name: w.org.name,
      slug: w.org.slug,
      personal: false,
      role: 'member',
      memberCount: 3,
      createdAt: w.org.createdAt.toISOString(),
      logoUrl: null,
    });
    expect((await call('GET', `/v1/orgs/${w.org.id}`, w.readKey.auth)).json()).toMatchObject({ role: null });
  });

  it('renames and re-slugs (admin, audited), 409 slug_taken, 403 for members', async () => {
    const slug = `renamed-${Date.now().toString(36)}`;
    const res = await call('PATCH', `/v1/orgs/${w.org.id}`, w.admin.auth, { name: 'Acme Corp', slug });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Acme Corp', slug, role: 'admin' });
    const [audit] = await audits(w.org.id, 'org.updated');
    expect(audit).toMatchObject({
      actorId: w.admin.id,
      diff: { before: { name: 'Acme', slug: w.org.slug }, after: { name: 'Acme Corp', slug } },
    });

    const taken = await call('PATCH', `/v1/orgs/${w.org.id}`, w.owner.auth, { slug: w.otherOrg.slug });
    expectProblem(taken, 409, 'slug_taken');
    expectProblem(
      await call('PATCH', `/v1/orgs/${w.org.id}`, w.member.auth, { name: 'Mine' }),
      403,
      'forbidden',
    );
    expectProblem(await call('PATCH', `/v1/orgs/${w.org.id}`, w.owner.auth, {}), 400, 'validation_failed');
    expect((await t.deps.db.organization.findUniqueOrThrow({ where: { id: w.org.id } })).slug).toBe(slug);
  });

  it('lets a key with organization:write rename, recording which key', async () => {
    const res = await call('PATCH', `/v1/orgs/${w.org.id}`, w.writeKey.auth, { name: 'Keyed Name' });
    expect(res.statusCode, res.body).toBe(200);
    const rows = await audits(w.org.id, 'org.updated');
    expect(rows.at(-1)).toMatchObject({
      actorId: null,
      diff: { after: { name: 'Keyed Name', apiKeyId: keyIdOrMasked(w.writeKey.row.id) } },
    });
    expectProblem(
      await call('PATCH', `/v1/orgs/${w.org.id}`, w.readKey.auth, { name: 'No' }),
      403,
      'forbidden',
    );
  });

  it('answers 404 on every route of another organization', async () => {
    const base = `/v1/orgs/${w.org.id}`;
    const attempts: [Method, string, object?][] = [
      ['GET', base],
      ['PATCH', base, { name: 'Pwned' }],
      ['DELETE', base, { confirm: w.org.slug }],
      ['POST', `${base}/transfer-ownership`, { userId: w.otherOwner.id }],
      ['POST', `${base}/leave`],
      ['GET', `${base}/members`],
      ['PATCH', `${base}/members/${w.member.id}`, { role: 'admin' }],
      ['DELETE', `${base}/members/${w.member.id}`],
    ];
    for (const [method, url, payload] of attempts) {
      expectProblem(await call(method, url, w.otherOwner.auth, payload), 404, 'not_found');
    }
    const org = await t.deps.db.organization.findUniqueOrThrow({ where: { id: w.org.id } });
    expect(org.name).not.toBe('Pwned');
    expect(await t.deps.db.membership.count({ where: { organizationId: w.org.id } })).toBe(3);
  });
});

describe('DELETE /v1/orgs/:orgId', () => {
  it('needs the owner, sudo and the slug typed back; cascades; members fall back', async () => {
    const w = await createOrgWorld(t);
    const url = `/v1/orgs/${w.org.id}`;
    await t.deps.db.user.update({ where: { id: w.member.id }, data: { activeOrganizationId: w.org.id } });

    const stale = bearerFor(t, w.owner.id, 'user', 3600);
    expectProblem(await call('DELETE', url, stale, { confirm: w.org.slug }), 403, 'reauth_required');
    expectProblem(await call('DELETE', url, w.admin.auth, { confirm: w.org.slug }), 403, 'forbidden');
    expectProblem(await call('DELETE', url, w.writeKey.auth, { confirm: w.org.slug }), 403, 'forbidden');
    expectProblem(
      await call('DELETE', url, w.owner.auth, { confirm: w.org.name }),
      400,
      'confirmation_mismatch',
    );
    expectProblem(await call('DELETE', url, w.owner.auth, {}), 400, 'validation_failed');
    expect(await t.deps.db.organization.count({ where: { id: w.org.id } })).toBe(1);

    const res = await call('DELETE', url, w.owner.auth, { confirm: w.org.slug });
    expect(res.statusCode, res.body).toBe(204);
    expect(await t.deps.db.organization.count({ where: { id: w.org.id } })).toBe(0);
    expect(await t.deps.db.membership.count({ where: { organizationId: w.org.id } })).toBe(0);
    expect(await t.deps.db.apiKey.count({ where: { organizationId: w.org.id } })).toBe(0);
    expect(await audits(w.org.id, 'org.deleted')).toMatchObject([
      { actorId: w.owner.id, targetId: w.org.id, diff: { before: { slug: w.org.slug, memberCount: 3 } } },
    ]);
    expect((await call('GET', '/v1/orgs', w.member.auth)).json()).toEqual({
      activeOrganizationId: null,
      organizations: [],
      nextCursor: null,
    });
    expectProblem(await call('GET', url, w.owner.auth), 404, 'not_found');
    // The deleted organization's keys stop working at once.
    expect((await call('GET', url, w.readKey.auth)).statusCode).toBe(401);
  });

  it('refuses a personal organization with 409 org_personal', async () => {
    const { user, personal } = await withPersonal('delpersonal');
    const res = await call('DELETE', `/v1/orgs/${personal.id}`, user.auth, { confirm: personal.slug });
    expectProblem(res, 409, 'org_personal');
    expect(await t.deps.db.organization.count({ where: { id: personal.id } })).toBe(1);
  });
});

describe('POST /v1/orgs/:orgId/transfer-ownership', () => {
  it('makes the member owner and the caller admin (sudo, audited)', async () => {
    const w = await createOrgWorld(t);
    const url = `/v1/orgs/${w.org.id}/transfer-ownership`;
    const stale = bearerFor(t, w.owner.id, 'user', 3600);
    expectProblem(await call('POST', url, stale, { userId: w.admin.id }), 403, 'reauth_required');
    expectProblem(await call('POST', url, w.admin.auth, { userId: w.admin.id }), 403, 'forbidden');
    expectProblem(await call('POST', url, w.owner.auth, { userId: w.otherOwner.id }), 404, 'not_found');
    expectProblem(await call('POST', url, w.owner.auth, { userId: w.owner.id }), 400, 'bad_request');

    const res = await call('POST', url, w.owner.auth, { userId: w.admin.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: w.org.id, role: 'admin' });
    const roles = await t.deps.db.membership.findMany({ where: { organizationId: w.org.id } });
    expect(Object.fromEntries(roles.map((m) => [m.userId, m.role]))).toEqual({
      [w.owner.id]: 'admin',
      [w.admin.id]: 'owner',
      [w.member.id]: 'member',
    });
    expect(await audits(w.org.id, 'org.ownership_transferred')).toMatchObject([
      { actorId: w.owner.id, targetId: w.admin.id, diff: { after: { toRole: 'owner', fromRole: 'admin' } } },
    ]);
    // The former owner no longer holds org:transfer.
    expectProblem(await call('POST', url, w.owner.auth, { userId: w.member.id }), 403, 'forbidden');
  });

  it('refuses a personal organization', async () => {
    const { user, personal } = await withPersonal('transferpersonal');
    const friend = await createOrgUser(t, { prefix: 'friend' });
    await addMember(t, personal.id, friend.id, 'member');
    const res = await call('POST', `/v1/orgs/${personal.id}/transfer-ownership`, user.auth, {
      userId: friend.id,
    });
    expectProblem(res, 409, 'org_personal');
  });
});

describe('POST /v1/orgs/:orgId/leave', () => {
  it('lets a member leave (audited, active cleared) and refuses the last owner (409, audited)', async () => {
    const w = await createOrgWorld(t);
    const url = `/v1/orgs/${w.org.id}/leave`;
    await t.deps.db.user.update({ where: { id: w.member.id }, data: { activeOrganizationId: w.org.id } });

    expect((await call('POST', url, w.member.auth)).statusCode).toBe(204);
    expect(
      await t.deps.db.membership.count({ where: { organizationId: w.org.id, userId: w.member.id } }),
    ).toBe(0);
    expect(
      (await t.deps.db.user.findUniqueOrThrow({ where: { id: w.member.id } })).activeOrganizationId,
    ).toBeNull();
    expect(await audits(w.org.id, 'org.member_left')).toMatchObject([
      { actorId: w.member.id, targetId: w.member.id },
    ]);
    expectProblem(await call('POST', url, w.member.auth), 404, 'not_found');

    expectProblem(await call('POST', url, w.owner.auth), 409, 'last_owner');
    expect(
      await t.deps.db.membership.count({ where: { organizationId: w.org.id, userId: w.owner.id } }),
    ).toBe(1);
    expect(await audits(w.org.id, 'org.access_denied')).toMatchObject([
      {
        actorId: w.owner.id,
        targetId: w.owner.id,
        diff: { after: { attempt: 'leave', code: 'last_owner' } },
      },
    ]);
    expectProblem(await call('POST', url, w.writeKey.auth), 403, 'forbidden');

    // With a second owner, the first may go.
    await t.deps.db.membership.updateMany({
      where: { organizationId: w.org.id, userId: w.admin.id },
      data: { role: 'owner' },
    });
    expect((await call('POST', url, w.owner.auth)).statusCode).toBe(204);
  });

  it('keeps the owner in their personal organization', async () => {
    const { user, personal } = await withPersonal('leavepersonal');
    expectProblem(await call('POST', `/v1/orgs/${personal.id}/leave`, user.auth), 409, 'last_owner');
  });
});
