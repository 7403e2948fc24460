import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.test-support';
import { hashToken } from '../lib/crypto-tokens';
import { defineList, encodeCursor } from '../lib/list';
import {
  createKey,
  createOrgUser,
  createOrgWorld,
  type OrgWorld,
  type WorldUser,
} from './orgs/orgs.test-support';

/**
 * A cursor or a search is client input: whatever is sent as one, every list answers 400
 * validation_failed (invalid_cursor when the service decoded the cursor), never a 500 from the
 * database and never a page of someone else's list.
 */
let t: TestApp;
let admin: WorldUser;
let w: OrgWorld;
beforeAll(async () => {
  t = await buildTestApp({ RATE_LIMIT_MAX: '100000' });
  admin = await createOrgUser(t, { globalRole: 'admin', prefix: 'cursor-root', name: 'Root Admin' });
  w = await createOrgWorld(t);
});
afterAll(() => t?.close());

const get = (url: string, auth = admin.auth) => t.app.inject({ url, headers: { authorization: auth } });
const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const raw = (text: string) => Buffer.from(text).toString('base64url');
const id = randomUUID();

/**
 * A cursor in the lists format (lib/list) holding whatever values it is given, bound like the
 * list's own: encodeCursor writes what it gets, so this forges exactly what a client could.
 */
function forge(
  sort: `${string}:${'asc' | 'desc'}`,
  values: unknown[],
  opts: { id?: string | null; scope?: string; search?: string } = {},
) {
  const spec = defineList({
    sorts: { [sort]: values.map((_, i) => ({ field: `f${i}`, type: 'text' as const })) },
    id: opts.id === null ? null : undefined,
  });
  return encodeCursor(
    spec,
    sort,
    { values: values as string[], id: opts.id === null ? undefined : (opts.id ?? id) },
    { scope: opts.scope, search: opts.search },
  );
}

/** 400 validation_failed naming `path`; `code` when the service (not the contract) refused it. */
function expectRefused(res: LightMyRequestResponse, url: string, code?: string, path = 'querystring.cursor') {
  expect(res.statusCode, `${url} → ${res.body}`).toBe(400);
  const body = res.json();
  expect(body.code, url).toBe('validation_failed');
  expect(body.errors, url).toContainEqual(expect.objectContaining({ path, ...(code ? { code } : {}) }));
}

describe('admin lists refuse forged keyset cursors with 400 invalid_cursor', () => {
  // In the shape toISOString writes, so only the instant itself is wrong.
  const impossibleDates = [
    '9999-99-99T99:99:99.000Z',
    '2023-02-29T00:00:00.000Z',
    '2024-04-31T12:00:00.000Z',
    '2024-01-01T24:00:00.000Z',
    '0000-01-01T00:00:00.000Z',
  ];

  it('GET /v1/admin/users', async () => {
    const forged: [query: string, cursor: string][] = [
      ...impossibleDates.map((v): [string, string] => ['', forge('createdAt:desc', [v])]),
      ['sort=name:asc', forge('name:asc', ['a\u0000b'])],
      ['sort=name:asc', forge('name:asc', [42])],
      ['sort=name:asc', forge('email:asc', ['x'])],
      ['sort=name:asc', forge('name:asc', ['x'], { id: "1' OR '1'='1" })],
      ['q=ada', forge('relevance:desc', [1e308], { search: 'ada' })],
      ['q=ada', forge('relevance:desc', [-1], { search: 'ada' })],
      ['q=ada', forge('relevance:desc', [0.5], { search: 'bob' })],
      // The format before the lists convention.
      ['sort=name:asc', json({ k: 'name:asc', v: 'x', id })],
      ['', '%%%'],
      ['', raw('\u0000')],
    ];
    for (const [query, cursor] of forged) {
      const url = `/v1/admin/users?${query}&cursor=${encodeURIComponent(cursor)}`;
      expectRefused(await get(url), url, 'invalid_cursor');
    }
  });

  it('GET /v1/admin/organizations', async () => {
    for (const cursor of [
      ...impossibleDates.map((v) => forge('createdAt:desc', [v])),
      forge('name:asc', ['x']),
      json({ k: 'createdAt:desc', v: '2024-01-01T00:00:00.000Z', id }),
      '%%%',
    ]) {
      const url = `/v1/admin/organizations?cursor=${encodeURIComponent(cursor)}`;
      expectRefused(await get(url), url, 'invalid_cursor');
    }
  });

  it('GET /v1/admin/audit-logs', async () => {
    for (const cursor of [
      raw(`999999999999999:${id}`),
      raw(`253402300800000:${id}`),
      raw(`1\u0000:${id}`),
      raw(`-1:${id}`),
      raw(`1:${id}\u0000`),
      json({ k: 'createdAt:desc', v: '2024-01-01T00:00:00Z', id }),
      forge('createdAt:desc', ['+010000-01-01T00:00:00.000Z']),
      forge('createdAt:desc', ['2024-01-01T00:00:00.000Z'], { id: `${id}\u0000` }),
      ...impossibleDates.map((v) => forge('createdAt:desc', [v])),
      '%%%',
    ]) {
      const url = `/v1/admin/audit-logs?cursor=${encodeURIComponent(cursor)}`;
      expectRefused(await get(url), url, 'invalid_cursor');
    }
    // The newest representable cursor still answers a page.
    const last = await get(
      `/v1/admin/audit-logs?cursor=${forge('createdAt:desc', ['9999-12-31T23:59:59.999Z'])}&limit=1`,
    );
    expect(last.statusCode, last.body).toBe(200);
  });

  it('GET /v1/admin/queues/:queue/jobs: the position is bounded', async () => {
    // The position is bound to the queue and state it was read in.
    const at = (v: unknown, scope = 'email/failed') => forge('position:desc', [v], { id: null, scope });
    for (const cursor of [
      '99999999',
      '1e3',
      '-1',
      '%00',
      '0x10',
      at(10_000_000),
      at(-1),
      at(1.5),
      at('3'),
      at(20, 'email/completed'),
    ]) {
      const url = `/v1/admin/queues/email/jobs?cursor=${cursor}`;
      expectRefused(await get(url), url, 'invalid_cursor');
    }
    const beyond = await get(`/v1/admin/queues/email/jobs?cursor=${at(9_999_999)}`);
    expect(beyond.statusCode, beyond.body).toBe(200);
    expect(beyond.json()).toMatchObject({ items: [], nextCursor: null });
  });
});

describe('organization lists refuse cursors that are not one of their rows', () => {
  async function foreignInvitation() {
    return t.deps.db.invitation.create({
      data: {
        organizationId: w.otherOrg.id,
        email: `${randomUUID()}@example.test`,
        role: 'member',
        invitedById: w.otherOwner.id,
        tokenHash: hashToken(randomUUID()),
        expiresAt: new Date(Date.now() + 86_400_000),
        lastSentAt: new Date(),
      },
    });
  }

  it('members, invitations and API keys: 400 invalid_cursor for another organization’s id', async () => {
    const otherMembership = await t.deps.db.membership.findFirstOrThrow({
      where: { organizationId: w.otherOrg.id },
    });
    const otherKey = (await createKey(t, w.otherOrg.id, ['members:read'])).row;
    const lists: [string, string][] = [
      [`/v1/orgs/${w.org.id}/members`, otherMembership.id],
      [`/v1/orgs/${w.org.id}/invitations`, (await foreignInvitation()).id],
      [`/v1/orgs/${w.org.id}/api-keys`, otherKey.id],
    ];
    for (const [list, cursor] of lists) {
      for (const c of [cursor, randomUUID()]) {
        const url = `${list}?cursor=${c}`;
        expectRefused(await get(url, w.owner.auth), url, 'invalid_cursor');
      }
    }
  });

  it('members, invitations and API keys: 400 invalid_cursor for another organization’s or sort’s cursor', async () => {
    // Enough rows in w.org for a second page of each list.
    for (let i = 0; i < 2; i++) {
      await t.deps.db.invitation.create({
        data: {
          organizationId: w.org.id,
          email: `${randomUUID()}@example.test`,
          role: 'member',
          invitedById: w.owner.id,
          tokenHash: hashToken(randomUUID()),
          expiresAt: new Date(Date.now() + 86_400_000),
          lastSentAt: new Date(),
        },
      });
    }
    for (const list of ['members', 'invitations', 'api-keys']) {
      const first = await get(`/v1/orgs/${w.org.id}/${list}?limit=1`, w.owner.auth);
      expect(first.statusCode, first.body).toBe(200);
      const cursor = first.json().nextCursor as string;
      expect(cursor, list).toEqual(expect.any(String));
      const own = await get(`/v1/orgs/${w.org.id}/${list}?limit=1&cursor=${cursor}`, w.owner.auth);
      expect(own.statusCode, own.body).toBe(200);
      for (const [url, auth] of [
        [`/v1/orgs/${w.otherOrg.id}/${list}?cursor=${cursor}`, w.otherOwner.auth],
        [
          `/v1/orgs/${w.org.id}/${list}?sort=${list === 'members' ? 'joinedAt:desc' : 'createdAt:asc'}&cursor=${cursor}`,
          w.owner.auth,
        ],
      ] as const) {
        expectRefused(await get(url, auth), url, 'invalid_cursor');
      }
    }
  });

  it('members, invitations and API keys: refuse garbage, whether the contract or the list decodes it', async () => {
    for (const list of ['members', 'invitations', 'api-keys']) {
      for (const cursor of ['not-a-uuid', '%00', `${randomUUID()}%00`, json({ id })]) {
        const url = `/v1/orgs/${w.org.id}/${list}?cursor=${cursor}`;
        expectRefused(await get(url, w.owner.auth), url);
      }
    }
  });
});

describe('search and filter text that PostgreSQL cannot take', () => {
  it('a NUL (or another control character) in q or an audit filter is 400, not a 500', async () => {
    const lists: [url: string, auth: string][] = [
      ['/v1/admin/users?q=', admin.auth],
      ['/v1/admin/organizations?q=', admin.auth],
      ['/v1/admin/audit-logs?targetType=user&targetId=', admin.auth],
      ['/v1/admin/audit-logs?targetType=', admin.auth],
      [`/v1/orgs/${w.org.id}/members?q=`, w.owner.auth],
      [`/v1/orgs/${w.org.id}/invitations?q=`, w.owner.auth],
      [`/v1/orgs/${w.org.id}/api-keys?q=`, w.owner.auth],
    ];
    for (const [list, auth] of lists) {
      const field = list.slice(list.lastIndexOf('&') + 1 || list.indexOf('?') + 1, -1);
      for (const text of ['a%00b', 'a%0D%0Ab', 'a%E2%80%AEb']) {
        const url = `${list}${text}`;
        expectRefused(await get(url, auth), url, undefined, `querystring.${field}`);
      }
      const ok = await get(`${list}${encodeURIComponent('Zoë 東京')}`, auth);
      expect(ok.statusCode, `${list} → ${ok.body}`).toBe(200);
    }
  });
});
