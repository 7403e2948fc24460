import { randomUUID } from 'node:crypto';
import { recordAudit } from '@repo/audit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { bearerFor, createKey, createOrg, type WorldUser } from '../orgs/orgs.test-support';
import { adminAndUser, seedRows, T0 } from './admin-audit.test-support';

let t: TestApp;
let admin: WorldUser;
let user: WorldUser;

beforeAll(async () => {
  t = await buildTestApp({ RATE_LIMIT_MAX: '100000' });
  ({ admin, user } = await adminAndUser(t));
});
afterAll(() => t?.close());

async function get(url: string, auth: string | null = admin.auth) {
  return t.app.inject({ url, headers: auth ? { authorization: auth } : {} });
}

/** Every id the filter returns (all pages), newest first. */
async function ids(query: string): Promise<string[]> {
  const res = await get(`/v1/admin/audit-logs?limit=100&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().nextCursor).toBeNull();
  return res.json().items.map((i: { id: string }) => i.id);
}

async function rowIds(where: { organizationId: string }) {
  const rows = await t.deps.db.auditLog.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  return rows;
}

const ROUTES = [
  '/v1/admin/audit-logs',
  '/v1/admin/audit-logs/export',
  `/v1/admin/audit-logs/${randomUUID()}`,
];

describe('who may read the audit log', () => {
  it('refuses anonymous callers (401), normal users and API keys (403), on all three routes', async () => {
    const org = await createOrg(t);
    const key = await createKey(t, org.id, ['organization:read', 'organization:write', 'members:read']);
    for (const url of ROUTES) {
      const anon = await get(url, null);
      expect(anon.statusCode, url).toBe(401);
      expect(anon.json()).toMatchObject({ code: 'unauthorized', requestId: anon.headers['x-request-id'] });
      const plain = await get(url, user.auth);
      expect(plain.statusCode, url).toBe(403);
      expect(plain.json().code).toBe('forbidden');
      const apiKey = await get(url, key.auth);
      expect(apiKey.statusCode, url).toBe(403);
      expect(apiKey.json().code).toBe('forbidden');
    }
    // Nothing was exported by the refused callers.
    expect(
      await t.deps.db.auditLog.count({ where: { action: 'admin.audit_exported', actorId: user.id } }),
    ).toBe(0);
  });

  it('lets a global admin read without sudo (reading is not a sensitive change)', async () => {
    const stale = bearerFor(t, admin.id, 'admin', 3600);
    expect((await get('/v1/admin/audit-logs?limit=1', stale)).statusCode).toBe(200);
  });
});

describe('GET /v1/admin/audit-logs', () => {
  it('lists light items, newest first, with the actor (or null)', async () => {
    const organizationId = randomUUID();
    await seedRows(t, [
      {
        action: 'org.created',
        actorId: admin.id,
        organizationId,
        at: 0,
        ip: '203.0.113.1',
        requestId: 'rq-1',
      },
      {
        action: 'auth.sign_in_failed',
        organizationId,
        at: 1000,
        targetType: 'user',
        targetId: 'u-1',
        userAgent: 'curl/8',
        diff: { before: null, after: { x: 1 } },
      },
    ]);
    const res = await get(`/v1/admin/audit-logs?organizationId=${organizationId}`);
    expect(res.statusCode).toBe(200);
    const { items, nextCursor } = res.json();
    expect(nextCursor).toBeNull();
    expect(items).toEqual([
      {
        id: expect.any(String),
        createdAt: new Date(T0 + 1000).toISOString(),
        action: 'auth.sign_in_failed',
        actor: null,
        impersonatorId: null,
        targetType: 'user',
        targetId: 'u-1',
        organizationId,
        ip: null,
        requestId: null,
      },
      {
        id: expect.any(String),
        createdAt: new Date(T0).toISOString(),
        action: 'org.created',
        actor: { id: admin.id, email: admin.email, name: admin.name },
        impersonatorId: null,
        targetType: null,
        targetId: null,
        organizationId,
        ip: '203.0.113.1',
        requestId: 'rq-1',
      },
    ]);
    // Kept light: no diff, no user agent in the list.
    expect(items[0]).not.toHaveProperty('diff');
    expect(items[0]).not.toHaveProperty('userAgent');
  });

  it('filters by actor, impersonator, action (exact and prefix), target, organization and date range', async () => {
    const org = randomUUID();
    const other = randomUUID();
    const targetId = randomUUID();
    await seedRows(t, [
      { action: 'org.created', actorId: user.id, organizationId: org, at: 0 },
      {
        action: 'org.member_removed',
        actorId: admin.id,
        organizationId: org,
        at: 1000,
        targetType: 'user',
        targetId,
      },
      {
        action: 'org.member_role_changed',
        actorId: admin.id,
        organizationId: org,
        at: 2000,
        targetType: 'user',
      },
      {
        action: 'auth.sign_in',
        actorId: user.id,
        organizationId: org,
        at: 3000,
        targetType: 'user',
        targetId,
        impersonatorId: admin.id,
      },
      { action: 'organization.x', actorId: user.id, organizationId: org, at: 4000 },
      { action: 'zz_x.one', organizationId: org, at: 5000 },
      { action: 'zzyx.two', organizationId: org, at: 6000 },
      {
        action: 'org.created',
        actorId: user.id,
        organizationId: other,
        at: 7000,
        targetType: 'session',
        targetId,
      },
    ]);
    const all = await rowIds({ organizationId: org });
    const byAction = (a: string) => all.filter((r) => r.action === a).map((r) => r.id);
    const pick = (...actions: string[]) => all.filter((r) => actions.includes(r.action)).map((r) => r.id);

    expect(await ids(`organizationId=${org}`)).toEqual(all.map((r) => r.id));
    expect(await ids(`organizationId=${other}`)).toHaveLength(1);
    expect(await ids(`organizationId=${org}&actorId=${admin.id}`)).toEqual(
      pick('org.member_role_changed', 'org.member_removed'),
    );
    // The actor filter works alone too (this user's rows in both organizations, not the admin's).
    const userRows = await ids(`actorId=${user.id}`);
    expect(userRows).toHaveLength(4);
    expect(await ids(`organizationId=${org}&action=org.created`)).toEqual(byAction('org.created'));
    // `org.*` is the `org.` namespace: not `organization.x`.
    expect(await ids(`organizationId=${org}&action=org.*`)).toEqual(
      pick('org.member_role_changed', 'org.member_removed', 'org.created'),
    );
    // `_` in a prefix is a literal underscore, not a LIKE wildcard.
    expect(await ids(`organizationId=${org}&action=zz_x.*`)).toEqual(byAction('zz_x.one'));
    // Exact action means exact: a prefix without `.*` matches nothing.
    expect(await ids(`organizationId=${org}&action=org`)).toEqual([]);
    expect(await ids(`targetType=user&targetId=${targetId}`)).toEqual(
      pick('auth.sign_in', 'org.member_removed'),
    );
    expect(await ids(`organizationId=${org}&targetType=user`)).toEqual(
      pick('auth.sign_in', 'org.member_role_changed', 'org.member_removed'),
    );
    // What the admin did while impersonating (D1), whoever the actor was.
    expect(await ids(`impersonatorId=${admin.id}&organizationId=${org}`)).toEqual(byAction('auth.sign_in'));
    // Inclusive bounds, with offsets understood.
    const from = new Date(T0 + 1000).toISOString();
    const to = '2026-03-01T13:00:03.000+01:00'; // T0 + 3000 ms
    expect(await ids(`organizationId=${org}&from=${from}&to=${encodeURIComponent(to)}`)).toEqual(
      pick('auth.sign_in', 'org.member_role_changed', 'org.member_removed'),
    );
    expect(await ids(`organizationId=${org}&from=${from}&to=${from}`)).toEqual(
      byAction('org.member_removed'),
    );
    expect(await ids(`organizationId=${org}&from=${new Date(T0 + 6000).toISOString()}`)).toEqual(
      byAction('zzyx.two'),
    );
  });

  it('walks every row exactly once with the cursor, ties on createdAt included', async () => {
    const organizationId = randomUUID();
    // 23 rows over 9 distinct milliseconds (ids random, so id order ≠ insertion order).
    await seedRows(
      t,
      Array.from({ length: 23 }, (_, i) => ({
        action: 'org.updated',
        organizationId,
        at: Math.floor(i / 3),
      })),
    );
    const expected = (await rowIds({ organizationId })).map((r) => r.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(
        `/v1/admin/audit-logs?organizationId=${organizationId}&limit=5${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.items.length).toBeLessThanOrEqual(5);
      seen.push(...body.items.map((i: { id: string }) => i.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(5);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(23);
  });

  it('answers 400 validation_failed for bad filters, limits and cursors', async () => {
    const bad = [
      'limit=0',
      'limit=101',
      'limit=abc',
      'limit=-1',
      'cursor=not-a-cursor',
      `cursor=${Buffer.from('123:nope').toString('base64url')}`,
      `cursor=${Buffer.from(`x:${randomUUID()}`).toString('base64url')}`,
      'actorId=123',
      'organizationId=x',
      'action=org.%25',
      'action=org*',
      'action=ORG.created',
      'action=a&action=b',
      'targetId=abc',
      'from=yesterday',
      `from=${new Date(T0 + 1).toISOString()}&to=${new Date(T0).toISOString()}`,
      'sort=createdAt',
      'diff[contains]=x',
      `targetType=${'x'.repeat(65)}`,
    ];
    for (const query of bad) {
      const res = await get(`/v1/admin/audit-logs?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code, query).toBe('validation_failed');
    }
    const res = await get(
      `/v1/admin/audit-logs?from=${new Date(T0 + 1).toISOString()}&to=${new Date(T0).toISOString()}`,
    );
    expect(res.json().errors).toEqual([expect.objectContaining({ path: expect.stringContaining('to') })]);
  });
});

describe('GET /v1/admin/audit-logs/:id', () => {
  it('shows one entry with its diff (redacted at write time) and user agent', async () => {
    const organizationId = (await createOrg(t)).id;
    const row = await recordAudit(t.deps.db, {
      actorId: admin.id,
      action: 'org.updated',
      organizationId,
      targetType: 'organization',
      targetId: organizationId,
      meta: { ip: '198.51.100.7', userAgent: 'Mozilla/5.0 Test', requestId: 'rq-detail' },
      before: { name: 'Acme', apiKey: 'gwk_secret' },
      after: { name: 'Acme Inc' },
    });
    const res = await get(`/v1/admin/audit-logs/${row.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      action: 'org.updated',
      actor: { id: admin.id, email: admin.email, name: admin.name },
      impersonatorId: null,
      targetType: 'organization',
      targetId: organizationId,
      organizationId,
      ip: '198.51.100.7',
      requestId: 'rq-detail',
      userAgent: 'Mozilla/5.0 Test',
      diff: { before: { name: 'Acme', apiKey: '[redacted]' }, after: { name: 'Acme Inc' } },
    });
  });

  it('answers diff null for an action without one', async () => {
    const row = await recordAudit(t.deps.db, { actorId: null, action: 'auth.locked', meta: null });
    const res = await get(`/v1/admin/audit-logs/${row.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: row.id, actor: null, diff: null, userAgent: null });
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const missing = await get(`/v1/admin/audit-logs/${randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not_found', requestId: missing.headers['x-request-id'] });
    for (const id of ['123', `${randomUUID()}x`, 'a%00b']) {
      const res = await get(`/v1/admin/audit-logs/${id}`);
      expect(res.statusCode, id).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
    // Oversized ids are refused by the router before validation (414), never a 500.
    const huge = await get(`/v1/admin/audit-logs/${'x'.repeat(300)}`);
    expect(huge.statusCode).toBe(414);
  });
});
