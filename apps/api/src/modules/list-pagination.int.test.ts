import { randomBytes, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.test-support';
import { addMember, createOrg, createOrgUser, type WorldUser } from './orgs/orgs.test-support';

/**
 * The lists that were unpaginated or fixed-size before the lists convention (docs/architecture.md
 * #lists): walked with a small `limit`, their pages stitch together into the full list — every row
 * once, in order — and a bad cursor, sort or limit is 400 problem+json with the field named.
 */
let t: TestApp;
let user: WorldUser;
let admin: WorldUser;
beforeAll(async () => {
  t = await buildTestApp({ RATE_LIMIT_MAX: '100000' });
  [user, admin] = await Promise.all([
    createOrgUser(t, { prefix: 'lists' }),
    createOrgUser(t, { prefix: 'lists-admin', globalRole: 'admin' }),
  ]);
});
afterAll(() => t?.close());

const get = (url: string, auth: string) => t.app.inject({ url, headers: { authorization: auth } });

/** Follows nextCursor from the first page; the items of every page, in order, and the page count. */
async function walk<T>(url: string, key: string, auth: string): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep: string = url.includes('?') ? '&' : '?';
    const res: LightMyRequestResponse = await get(`${url}${cursor ? `${sep}cursor=${cursor}` : ''}`, auth);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    items.push(...body[key]);
    cursor = body.nextCursor;
    pages++;
  } while (cursor && pages < 50);
  expect(cursor, 'the walk ends').toBeNull();
  return { items, pages };
}

const ids = (items: { id: string }[]) => items.map((i) => i.id);

/** 400 validation_failed as problem+json, with a field error on `field` (and `code` when given). */
function expectFieldError(res: LightMyRequestResponse, field: string, code?: string) {
  expect(res.statusCode, res.body).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({
    status: 400,
    code: 'validation_failed',
    requestId: res.headers['x-request-id'],
  });
  expect(body.errors).toContainEqual(
    expect.objectContaining({ path: `querystring.${field}`, ...(code ? { code } : {}) }),
  );
}

/** The refusals every list shares: malformed cursor, a sort it does not offer, a limit out of range. */
async function expectBadInputRefused(url: string, auth: string, maxLimit: number) {
  const sep = url.includes('?') ? '&' : '?';
  for (const cursor of ['%%%', 'not-a-cursor', randomUUID(), '', 'x'.repeat(1025)]) {
    expectFieldError(await get(`${url}${sep}cursor=${cursor}`, auth), 'cursor', 'invalid_cursor');
  }
  for (const sort of ['password:asc', 'createdAt', 'id:desc']) {
    expectFieldError(await get(`${url}${sep}sort=${sort}`, auth), 'sort', 'invalid_value');
  }
  expectFieldError(await get(`${url}${sep}limit=0`, auth), 'limit', 'too_small');
  expectFieldError(await get(`${url}${sep}limit=${maxLimit + 1}`, auth), 'limit', 'too_big');
  expectFieldError(await get(`${url}${sep}limit=abc`, auth), 'limit', 'invalid_type');
}

describe('GET /v1/me/sessions', () => {
  it('pages of 2 stitch into the whole list, most recently used first, ties included', async () => {
    const now = Date.now();
    const base = { userId: user.id, amr: ['pwd'], authTime: new Date(now) };
    const times = [5, 4, 4, 4, 3, 2, 2].map((m) => new Date(now - m * 60_000));
    for (const at of times) {
      await t.deps.db.session.create({
        data: {
          ...base,
          lastUsedAt: at,
          createdAt: at,
          idleExpiresAt: new Date(now + 3_600_000),
          expiresAt: new Date(now + 86_400_000),
        },
      });
    }
    // Ended sessions and another user's are never listed.
    await t.deps.db.session.create({
      data: {
        ...base,
        lastUsedAt: new Date(now),
        idleExpiresAt: new Date(now - 1),
        expiresAt: new Date(now + 1e6),
      },
    });
    const expected = await t.deps.db.session.findMany({
      where: { userId: user.id, expiresAt: { gt: new Date() }, idleExpiresAt: { gt: new Date() } },
      orderBy: [{ lastUsedAt: 'desc' }, { id: 'desc' }],
      select: { id: true },
    });
    expect(expected).toHaveLength(7);

    const { items, pages } = await walk<{ id: string }>('/v1/me/sessions?limit=2', 'sessions', user.auth);
    expect(pages).toBe(4);
    expect(ids(items)).toEqual(ids(expected));
    const byCreation = await walk<{ id: string }>(
      '/v1/me/sessions?limit=3&sort=createdAt:desc',
      'sessions',
      user.auth,
    );
    expect(new Set(ids(byCreation.items))).toEqual(new Set(ids(expected)));
    expect(byCreation.items).toHaveLength(7);

    // Another user's cursor is no position in this list.
    const other = await createOrgUser(t, { prefix: 'lists-other' });
    const first = (await get('/v1/me/sessions?limit=2', user.auth)).json();
    expectFieldError(
      await get(`/v1/me/sessions?cursor=${first.nextCursor}`, other.auth),
      'cursor',
      'invalid_cursor',
    );
    expectFieldError(
      await get(`/v1/me/sessions?sort=createdAt:desc&cursor=${first.nextCursor}`, user.auth),
      'cursor',
      'invalid_cursor',
    );
  });

  it('refuses a bad cursor, sort or limit with 400 problem+json naming the field', async () => {
    await expectBadInputRefused('/v1/me/sessions', user.auth, 100);
  });
});

describe('GET /v1/orgs', () => {
  it('pages of 2 stitch into the whole list: personal first, then by name; the active one on every page', async () => {
    const member = await createOrgUser(t, { prefix: 'lists-orgs' });
    const personal = await createOrg(t, 'Zz Personal', true);
    await addMember(t, personal.id, member.id, 'owner');
    const names = ['Delta', 'alpha', 'Charlie', 'Bravo', 'Echo', 'Bravo'];
    const orgs = [];
    for (const name of names) {
      const org = await createOrg(t, name);
      await addMember(t, org.id, member.id, 'member');
      orgs.push(org);
    }
    const active = orgs[4] as { id: string };
    await t.deps.db.user.update({ where: { id: member.id }, data: { activeOrganizationId: active.id } });
    const expected = await t.deps.db.membership.findMany({
      where: { userId: member.id },
      orderBy: [
        { organization: { personal: 'desc' } },
        { organization: { name: 'asc' } },
        { organizationId: 'asc' },
      ],
      select: { organizationId: true },
    });

    const pages: { organizations: { id: string }[]; activeOrganizationId: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const res: LightMyRequestResponse = await get(
        `/v1/orgs?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        member.auth,
      );
      expect(res.statusCode, res.body).toBe(200);
      pages.push(res.json());
      cursor = res.json().nextCursor;
    } while (cursor && pages.length < 10);
    expect(pages).toHaveLength(4);
    const listed = pages.flatMap((p) => ids(p.organizations));
    expect(listed).toEqual(expected.map((m) => m.organizationId));
    expect(listed[0]).toBe(personal.id);
    expect(pages.every((p) => p.activeOrganizationId === active.id)).toBe(true);

    // The cursor is the member's own: another user's list refuses it.
    const first = (await get('/v1/orgs?limit=2', member.auth)).json();
    expectFieldError(await get(`/v1/orgs?cursor=${first.nextCursor}`, user.auth), 'cursor', 'invalid_cursor');
  });

  it('refuses a bad cursor, sort or limit with 400 problem+json naming the field', async () => {
    await expectBadInputRefused('/v1/orgs', user.auth, 100);
  });
});

describe('GET /v1/me/identities', () => {
  it('pages of 2 stitch into the whole list, oldest first, ties included', async () => {
    const owner = await createOrgUser(t, { prefix: 'lists-ids' });
    const t0 = Date.parse('2026-03-01T00:00:00Z');
    for (const [i, offset] of [0, 1000, 1000, 1000, 2000].entries()) {
      await t.deps.db.identity.create({
        data: {
          userId: owner.id,
          provider: i % 2 ? 'github' : 'google',
          issuer: 'https://issuer.example',
          subject: randomUUID(),
          createdAt: new Date(t0 + offset),
        },
      });
    }
    const expected = await t.deps.db.identity.findMany({
      where: { userId: owner.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true },
    });
    const { items, pages } = await walk<{ id: string }>(
      '/v1/me/identities?limit=2',
      'identities',
      owner.auth,
    );
    expect(pages).toBe(3);
    expect(ids(items)).toEqual(ids(expected));
    const newest = await walk<{ id: string }>(
      '/v1/me/identities?limit=2&sort=createdAt:desc',
      'identities',
      owner.auth,
    );
    expect(ids(newest.items)).toEqual(ids(expected).reverse());
    const first = (await get('/v1/me/identities?limit=2', owner.auth)).json();
    expectFieldError(
      await get(`/v1/me/identities?cursor=${first.nextCursor}`, user.auth),
      'cursor',
      'invalid_cursor',
    );
  });

  it('refuses a bad cursor, sort or limit with 400 problem+json naming the field', async () => {
    await expectBadInputRefused('/v1/me/identities', user.auth, 100);
  });
});

describe('GET /v1/admin/flags', () => {
  it('pages of 2 stitch into the whole list, by key both ways', async () => {
    const prefix = `lists-${randomBytes(3).toString('hex')}`;
    for (const suffix of ['c', 'a', 'e', 'b', 'd']) {
      const key = `${prefix}.${suffix}`;
      await t.deps.db.featureFlag.create({
        data: {
          key,
          definition: {
            key,
            kind: 'boolean',
            variants: [{ name: 'off' }, { name: 'on' }],
            defaults: { development: 'off', test: 'off', production: 'off' },
          },
        },
      });
    }
    const expected = (
      await t.deps.db.featureFlag.findMany({ orderBy: { key: 'asc' }, select: { key: true } })
    ).map((f) => f.key);
    const { items } = await walk<{ key: string }>('/v1/admin/flags?limit=2', 'flags', admin.auth);
    expect(items.map((f) => f.key)).toEqual(expected);
    const desc = await walk<{ key: string }>('/v1/admin/flags?limit=2&sort=key:desc', 'flags', admin.auth);
    expect(desc.items.map((f) => f.key)).toEqual([...expected].reverse());
    expect(expected.filter((k) => k.startsWith(prefix))).toEqual(
      ['a', 'b', 'c', 'd', 'e'].map((s) => `${prefix}.${s}`),
    );
  });

  it('refuses a bad cursor, sort or limit with 400 problem+json naming the field', async () => {
    await expectBadInputRefused('/v1/admin/flags', admin.auth, 100);
  });
});

describe('GET /v1/me/security-activity', () => {
  it('pages of 3 stitch into the whole list, newest first, rows of one millisecond included', async () => {
    const me = await createOrgUser(t, { prefix: 'lists-activity' });
    const t0 = Date.parse('2026-04-01T00:00:00Z');
    await t.deps.db.auditLog.createMany({
      data: [0, 1, 1, 1, 2, 3, 3, 4, 5, 6].map((ms, i) => ({
        actorId: me.id,
        action: i % 2 ? 'auth.sign_in' : 'session.revoked',
        createdAt: new Date(t0 + ms),
      })),
    });
    // Not security events, or not the user's: never listed.
    await t.deps.db.auditLog.createMany({
      data: [
        { actorId: me.id, action: 'org.created', createdAt: new Date(t0) },
        { actorId: user.id, action: 'auth.sign_in', createdAt: new Date(t0) },
      ],
    });
    const expected = await t.deps.db.auditLog.findMany({
      where: { actorId: me.id, action: { not: 'org.created' } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { id: true },
    });
    expect(expected).toHaveLength(10);
    const { items, pages } = await walk<{ id: string }>(
      '/v1/me/security-activity?limit=3',
      'events',
      me.auth,
    );
    expect(pages).toBe(4);
    expect(ids(items)).toEqual(ids(expected));
    const first = (await get('/v1/me/security-activity?limit=3', me.auth)).json();
    expectFieldError(
      await get(`/v1/me/security-activity?cursor=${first.nextCursor}`, user.auth),
      'cursor',
      'invalid_cursor',
    );
  });

  it('refuses a bad cursor, sort or limit with 400 problem+json naming the field', async () => {
    await expectBadInputRefused('/v1/me/security-activity', user.auth, 100);
  });
});
