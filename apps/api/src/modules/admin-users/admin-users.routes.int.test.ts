import { randomUUID } from 'node:crypto';
import { Prisma } from '@repo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { generateToken, hashToken } from '../../lib/crypto-tokens';
import {
  addMember,
  createKey,
  createOrg,
  createOrgUser,
  createOrgWorld,
  type WorldUser,
} from '../orgs/orgs.test-support';
import { get, seedUsers, walk } from './admin-users.test-support';

let t: TestApp;
let admin: WorldUser;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await createOrgUser(t, { globalRole: 'admin', prefix: 'root', name: 'Root Admin' });
});
afterAll(async () => t?.close());

type ListBody = {
  users: { id: string; name: string; status: string; role: string; lastSignInAt: string | null }[];
  nextCursor: string | null;
};
const list = async (query: string) => {
  const res = await get(t, `/v1/admin/users?${query}`, admin.auth);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ListBody;
};

describe('admin routes: who may call them', () => {
  const id = randomUUID();
  const routes: [string, string][] = [
    ['GET', '/v1/admin/users'],
    ['GET', `/v1/admin/users/${id}`],
    ['PATCH', `/v1/admin/users/${id}`],
    ['DELETE', `/v1/admin/users/${id}`],
    ['POST', `/v1/admin/users/${id}/disable`],
    ['POST', `/v1/admin/users/${id}/enable`],
    ['POST', `/v1/admin/users/${id}/sign-out`],
    ['POST', `/v1/admin/users/${id}/reset-two-factor`],
    ['POST', `/v1/admin/users/${id}/resend-verification`],
    ['GET', '/v1/admin/organizations'],
    ['GET', `/v1/admin/organizations/${id}`],
  ];

  it('anonymous → 401, a normal user → 403, an API key (even of an owner) → 403', async () => {
    const world = await createOrgWorld(t);
    const allScopes = await createKey(t, world.org.id, [
      'organization:read',
      'organization:write',
      'members:read',
      'members:write',
    ]);
    for (const [method, url] of routes) {
      const payload = method === 'PATCH' ? { role: 'admin' } : undefined;
      const call = (authorization?: string) =>
        t.app.inject({
          method: method as 'GET',
          url,
          headers: authorization ? { authorization } : {},
          ...(payload ? { payload } : {}),
        });
      const anonymous = await call();
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
      for (const auth of [world.owner.auth, world.member.auth]) {
        const res = await call(auth);
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json().code).toBe('forbidden');
      }
      const key = await call(allScopes.auth);
      expect(key.statusCode, `${method} ${url}`).toBe(403);
    }
    // Nothing was done on their behalf.
    expect(
      await t.deps.db.auditLog.count({ where: { action: { startsWith: 'admin.' }, targetId: id } }),
    ).toBe(0);
  });

  it('a token claiming admin for a plain user is refused by the permission check, not trusted', async () => {
    const user = await createOrgUser(t);
    // The claim is what the guard reads; a forged "admin" claim cannot be made without the key,
    // so a user token is 403 and a syntactically broken one 401.
    expect((await get(t, '/v1/admin/users', user.auth)).statusCode).toBe(403);
    expect((await get(t, '/v1/admin/users', 'Bearer not.a.jwt')).statusCode).toBe(401);
  });
});

describe('GET /v1/admin/users', () => {
  it('finds a user by a misspelt name (trigram), best match first', async () => {
    const org = await createOrg(t, 'Typos');
    const ada = await createOrgUser(t, { name: 'Ada Lovelace', prefix: 'countess' });
    const other = await createOrgUser(t, { name: 'Grace Hopper', prefix: 'grace' });
    await addMember(t, org.id, ada.id, 'member');
    await addMember(t, org.id, other.id, 'member');
    const found = await list(`q=${encodeURIComponent('Ada Lovlace')}&organizationId=${org.id}`);
    expect(found.users.map((u) => u.id)).toEqual([ada.id]);
    // One wrong letter in a single word still matches.
    const surname = await list(`q=lovlace&organizationId=${org.id}`);
    expect(surname.users.map((u) => u.id)).toEqual([ada.id]);

    // Across all users: a unique misspelt name ranks its owner first.
    const unique = `Zephyrine Quockenbush${randomUUID().slice(0, 4)}`;
    const zed = await createOrgUser(t, { name: unique });
    const ranked = await list(`q=${encodeURIComponent('Zephyrine Quokenbush')}&limit=5`);
    expect(ranked.users[0]?.id).toBe(zed.id);
  });

  it('matches an email fragment, and treats % and _ literally', async () => {
    const user = await createOrgUser(t, { prefix: 'frag_ment' });
    const local = user.email.split('@')[0] as string;
    const res = await list(`q=${encodeURIComponent(local.slice(0, 14))}`);
    expect(res.users.map((u) => u.id)).toContain(user.id);
    // '%' alone is not "everything".
    const pct = await list('q=%25%25%25');
    expect(pct.users).toEqual([]);
  });

  it('filters by role, status, verified, 2FA and organization (deleted hidden by default)', async () => {
    const org = await createOrg(t, 'Filters');
    const mk = async (name: string, role: 'user' | 'admin' = 'user') => {
      const u = await createOrgUser(t, { name, globalRole: role });
      await addMember(t, org.id, u.id, 'member');
      return u;
    };
    const plain = await mk('Plain');
    const boss = await mk('Boss', 'admin');
    const disabled = await mk('Disabled');
    const deleted = await mk('Deleted');
    const unverified = await mk('Unverified');
    const secured = await mk('Secured');
    const outsider = await createOrgUser(t, { name: 'Outsider' });
    const db = t.deps.db;
    await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    await db.user.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    await db.user.update({ where: { id: unverified.id }, data: { emailVerifiedAt: null } });
    await db.twoFactor.create({ data: { userId: secured.id, secretCiphertext: 'x', enabledAt: new Date() } });
    // A pending enrolment is not "2FA on".
    await db.twoFactor.create({ data: { userId: plain.id, secretCiphertext: 'x', enabledAt: null } });

    const ids = async (filter: string) =>
      new Set((await list(`organizationId=${org.id}&${filter}`)).users.map((u) => u.id));
    const all = [plain, boss, disabled, unverified, secured].map((u) => u.id);
    expect(await ids('')).toEqual(new Set(all));
    expect((await ids('')).has(outsider.id)).toBe(false);
    expect(await ids('role=admin')).toEqual(new Set([boss.id]));
    expect(await ids('role=user')).toEqual(new Set(all.filter((id) => id !== boss.id)));
    expect(await ids('status=disabled')).toEqual(new Set([disabled.id]));
    expect(await ids('status=deleted')).toEqual(new Set([deleted.id]));
    expect(await ids('status=active')).toEqual(new Set(all.filter((id) => id !== disabled.id)));
    expect(await ids('verified=false')).toEqual(new Set([unverified.id]));
    expect((await ids('verified=true')).has(unverified.id)).toBe(false);
    expect(await ids('twoFactor=true')).toEqual(new Set([secured.id]));
    expect((await ids('twoFactor=false')).size).toBe(all.length - 1);
    expect(await ids('role=user&status=active&verified=true&twoFactor=false')).toEqual(new Set([plain.id]));

    const items = (await list(`organizationId=${org.id}&status=deleted`)).users;
    expect(items[0]).toMatchObject({ id: deleted.id, status: 'deleted', role: 'user' });
  });

  it('items carry the documented fields, lastSignInAt from the newest session', async () => {
    const org = await createOrg(t, 'Fields');
    const user = await createOrgUser(t, { name: 'Field Test' });
    await addMember(t, org.id, user.id, 'member');
    const before = (await list(`organizationId=${org.id}`)).users[0];
    expect(before).toEqual({
      id: user.id,
      email: user.email,
      name: 'Field Test',
      role: 'user',
      status: 'active',
      emailVerified: true,
      twoFactorEnabled: false,
      createdAt: expect.any(String),
      lastSignInAt: null,
      avatarUrl: null,
    });
    const at = new Date('2030-01-02T03:04:05.678Z');
    await t.deps.db.session.create({
      data: {
        userId: user.id,
        amr: ['pwd'],
        authTime: at,
        lastUsedAt: at,
        idleExpiresAt: at,
        expiresAt: at,
        createdAt: at,
      },
    });
    expect((await list(`organizationId=${org.id}`)).users[0]?.lastSignInAt).toBe(at.toISOString());
  });

  describe('sorting and cursor pagination over 250 users', () => {
    let orgId: string;
    beforeAll(async () => {
      orgId = (await createOrg(t, 'Paging')).id;
      await seedUsers(t, orgId, 250);
    });

    const expected = async (orderBy: Prisma.Sql) =>
      (
        await t.deps.db.$queryRaw<{ id: string }[]>`
          SELECT u.id::text AS id FROM users u JOIN memberships m ON m.user_id = u.id
          WHERE m.organization_id = ${orgId}::uuid AND u.deleted_at IS NULL ORDER BY ${orderBy}`
      ).map((r) => r.id);

    const cases: [string, string][] = [
      ['sort=createdAt:desc', 'u.created_at DESC, u.id DESC'],
      ['sort=createdAt:asc', 'u.created_at ASC, u.id ASC'],
      ['sort=name:asc', 'u.name ASC, u.id ASC'],
      ['sort=name:desc', 'u.name DESC, u.id DESC'],
      ['sort=email:asc', 'u.email ASC, u.id ASC'],
      ['sort=email:desc', 'u.email DESC, u.id DESC'],
      ['', 'u.created_at DESC, u.id DESC'],
    ];
    for (const [query, orderBy] of cases) {
      it(`walks every row exactly once, in order (${query || 'default: newest first'})`, async () => {
        const { ids, pages } = await walk(
          t,
          `/v1/admin/users?organizationId=${orgId}&limit=37&${query}`,
          admin.auth,
        );
        expect(pages).toBe(7);
        expect(new Set(ids).size).toBe(250);
        expect(ids).toEqual(await expected(Prisma.raw(orderBy)));
      });
    }

    it('by relevance (q without sort): every match exactly once', async () => {
      const { ids } = await walk(
        t,
        `/v1/admin/users?organizationId=${orgId}&q=Seed%20Persn&limit=23`,
        admin.auth,
      );
      expect(ids.length).toBe(250);
      expect(new Set(ids).size).toBe(250);
    });

    it('a filter combined with sort and search pages without gaps', async () => {
      const { ids } = await walk(
        t,
        `/v1/admin/users?organizationId=${orgId}&verified=true&q=seed&sort=name:desc&limit=50`,
        admin.auth,
      );
      expect(new Set(ids).size).toBe(125);
    });

    it('refuses a cursor from another sort, a forged one, and limit > 100', async () => {
      const first = await list(`organizationId=${orgId}&sort=name:asc&limit=5`);
      const cursor = encodeURIComponent(first.nextCursor ?? '');
      const other = await get(
        t,
        `/v1/admin/users?organizationId=${orgId}&sort=email:asc&cursor=${cursor}`,
        admin.auth,
      );
      expect(other.statusCode).toBe(400);
      expect(other.json().errors[0]).toMatchObject({ path: 'querystring.cursor', code: 'invalid_cursor' });
      const forged = Buffer.from(JSON.stringify({ s: 'name:asc', v: ["x' OR 1=1"], i: 'nope' })).toString(
        'base64url',
      );
      expect((await get(t, `/v1/admin/users?sort=name:asc&cursor=${forged}`, admin.auth)).statusCode).toBe(
        400,
      );
      expect((await get(t, '/v1/admin/users?cursor=%%%', admin.auth)).statusCode).toBe(400);
      expect((await get(t, '/v1/admin/users?limit=101', admin.auth)).statusCode).toBe(400);
      expect((await get(t, '/v1/admin/users?sort=password', admin.auth)).statusCode).toBe(400);
      expect((await get(t, '/v1/admin/users?verified=yes', admin.auth)).statusCode).toBe(400);
    });
  });
});

describe('GET /v1/admin/users/:userId', () => {
  it('shows profile, live sessions, identities, organizations and recent activity', async () => {
    const org = await createOrg(t, 'Detail');
    const user = await createOrgUser(t, { name: 'Detail User' });
    await addMember(t, org.id, user.id, 'admin');
    const now = new Date();
    const later = new Date(now.getTime() + 3_600_000);
    const session = {
      userId: user.id,
      amr: ['pwd'],
      authTime: now,
      lastUsedAt: now,
      device: 'Firefox on Linux',
    };
    const live = await t.deps.db.session.create({
      data: { ...session, ip: '10.1.2.3', idleExpiresAt: later, expiresAt: later },
    });
    await t.deps.db.session.create({
      data: { ...session, idleExpiresAt: later, expiresAt: later, revokedAt: now },
    });
    await t.deps.db.identity.create({
      data: {
        userId: user.id,
        provider: 'github',
        issuer: 'https://github.com',
        subject: randomUUID(),
        email: user.email,
      },
    });
    await t.deps.db.auditLog.create({
      data: { actorId: null, action: 'auth.sign_in_failed', targetType: 'user', targetId: user.id },
    });
    await t.deps.db.auditLog.create({ data: { actorId: user.id, action: 'profile.updated' } });

    const res = await get(t, `/v1/admin/users/${user.id}`, admin.auth);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      id: user.id,
      email: user.email,
      status: 'active',
      hasPassword: true,
      deletedAt: null,
    });
    expect(body.sessions).toEqual([
      expect.objectContaining({ id: live.id, device: 'Firefox on Linux', ip: '10.1.2.3' }),
    ]);
    expect(body.identities).toEqual([expect.objectContaining({ provider: 'github', email: user.email })]);
    expect(body.organizations).toEqual([
      expect.objectContaining({ organizationId: org.id, name: 'Detail', role: 'admin', personal: false }),
    ]);
    expect(body.activity.map((a: { action: string }) => a.action)).toEqual([
      'profile.updated',
      'auth.sign_in_failed',
    ]);
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|argon2/);
  });

  it('keeps at most the 50 newest activity rows', async () => {
    const user = await createOrgUser(t);
    await t.deps.db.auditLog.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        actorId: user.id,
        action: 'profile.updated',
        createdAt: new Date(Date.now() - i * 1000),
      })),
    });
    const body = (await get(t, `/v1/admin/users/${user.id}`, admin.auth)).json();
    expect(body.activity).toHaveLength(50);
  });

  it('unknown id → 404, malformed id → 400', async () => {
    const unknown = await get(t, `/v1/admin/users/${randomUUID()}`, admin.auth);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('not_found');
    expect((await get(t, '/v1/admin/users/not-a-uuid', admin.auth)).statusCode).toBe(400);
  });
});

describe('GET /v1/admin/organizations', () => {
  it('searches name or slug, pages with a cursor, counts members', async () => {
    const marker = `zq${randomUUID().slice(0, 6)}`;
    const orgs = [];
    for (let i = 0; i < 5; i++) orgs.push(await createOrg(t, `${marker} Org ${i}`));
    const member = await createOrgUser(t);
    await addMember(t, orgs[0]?.id ?? '', member.id, 'owner');

    const { ids, pages } = await walk(
      t,
      `/v1/admin/organizations?q=${marker.toUpperCase()}&limit=2`,
      admin.auth,
      'organizations',
    );
    expect(pages).toBe(3);
    expect(ids).toEqual(orgs.map((o) => o.id).reverse());
    const first = (await get(t, `/v1/admin/organizations?q=${orgs[0]?.slug}`, admin.auth)).json();
    expect(first.organizations).toEqual([
      expect.objectContaining({ id: orgs[0]?.id, memberCount: 1, personal: false }),
    ]);
  });

  it('detail: members with roles, pending invitations only, API keys without secrets; unknown → 404', async () => {
    const world = await createOrgWorld(t);
    const now = Date.now();
    const invite = (email: string, extra: object = {}) =>
      t.deps.db.invitation.create({
        data: {
          organizationId: world.org.id,
          email,
          role: 'member',
          tokenHash: hashToken(generateToken()),
          invitedById: world.owner.id,
          expiresAt: new Date(now + 86_400_000),
          lastSentAt: new Date(now),
          ...extra,
        },
      });
    const pending = await invite('pending@example.test');
    await invite('accepted@example.test', { acceptedAt: new Date() });
    await invite('expired@example.test', { expiresAt: new Date(now - 1000) });

    const res = await get(t, `/v1/admin/organizations/${world.org.id}`, admin.auth);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.memberCount).toBe(3);
    expect(body.members.map((m: { role: string }) => m.role)).toEqual(['owner', 'admin', 'member']);
    expect(body.invitations).toEqual([
      expect.objectContaining({
        id: pending.id,
        email: 'pending@example.test',
        invitedBy: { id: world.owner.id, name: 'Olivia Owner' },
      }),
    ]);
    expect(body.apiKeys).toHaveLength(2);
    expect(body.apiKeys[0]).toEqual({
      id: expect.any(String),
      name: 'test key',
      prefix: expect.stringMatching(/^gwk_/),
      scopes: expect.any(Array),
      status: 'active',
      createdAt: expect.any(String),
      expiresAt: null,
      lastUsedAt: null,
    });
    expect(JSON.stringify(body)).not.toContain(world.readKey.row.secretHash);
    expect(JSON.stringify(body)).not.toContain(world.readKey.key);

    expect((await get(t, `/v1/admin/organizations/${randomUUID()}`, admin.auth)).statusCode).toBe(404);
  });
});
