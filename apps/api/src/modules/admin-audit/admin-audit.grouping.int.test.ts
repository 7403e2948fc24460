import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import type { WorldUser } from '../orgs/orgs.test-support';
import { adminAndUser, seedRows, T0 } from './admin-audit.test-support';

/** `requests=grouped`: an impersonation's per-request trail folded into its start row. */
let t: TestApp;
let admin: WorldUser;
let user: WorldUser;
// A window of its own, so rows other files write at T0 stay out of it.
const BASE = 400 * 86_400_000 + Math.floor(Math.random() * 1000) * 60_000;
const window = `from=${new Date(T0 + BASE).toISOString()}&to=${new Date(T0 + BASE + 60_000).toISOString()}`;

type Item = { id: string; action: string; actor: { id: string } | null; impersonationRequests?: number };

beforeAll(async () => {
  t = await buildTestApp({ RATE_LIMIT_MAX: '100000' });
  ({ admin, user } = await adminAndUser(t));
  const request = (at: number) => ({
    action: 'impersonation.request',
    actorId: user.id,
    impersonatorId: admin.id,
    targetType: 'route',
    targetId: 'GET /v1/me',
    at: BASE + at,
  });
  await seedRows(t, [
    {
      action: 'admin.impersonation_started',
      actorId: admin.id,
      targetType: 'user',
      targetId: user.id,
      at: BASE,
    },
    request(1),
    request(2),
    {
      action: 'profile.updated',
      actorId: user.id,
      impersonatorId: admin.id,
      targetType: 'user',
      targetId: user.id,
      at: BASE + 3,
    },
    request(4),
    request(5),
    request(6),
    {
      action: 'admin.impersonation_ended',
      actorId: admin.id,
      targetType: 'user',
      targetId: user.id,
      at: BASE + 7,
    },
    {
      action: 'admin.impersonation_started',
      actorId: admin.id,
      targetType: 'user',
      targetId: user.id,
      at: BASE + 10,
    },
    request(11),
    request(12),
  ]);
});
afterAll(() => t?.close());

async function items(query: string): Promise<Item[]> {
  const res = await t.app.inject({
    url: `/v1/admin/audit-logs?limit=100&${window}&${query}`,
    headers: { authorization: admin.auth },
  });
  expect(res.statusCode, res.body).toBe(200);
  const all = res.json().items as Item[];
  return all.filter((i) => i.actor?.id === admin.id || i.actor?.id === user.id);
}

describe('GET /v1/admin/audit-logs?requests=grouped', () => {
  it('leaves the request trail out, keeps what was changed, and counts requests per impersonation', async () => {
    const grouped = await items('requests=grouped');
    expect(grouped.map((i) => i.action)).toEqual([
      'admin.impersonation_started',
      'admin.impersonation_ended',
      'profile.updated',
      'admin.impersonation_started',
    ]);
    expect(grouped.map((i) => i.impersonationRequests)).toEqual([2, undefined, undefined, 5]);
  });

  it('lists every row by default, without counts', async () => {
    const each = await items('');
    expect(each.filter((i) => i.action === 'impersonation.request')).toHaveLength(7);
    expect(each).toHaveLength(11);
    expect(each.some((i) => 'impersonationRequests' in i)).toBe(false);
    expect(await items('requests=each')).toEqual(each);
  });

  it('shows the trail when the action filter asks for it, grouped or not', async () => {
    expect(await items('requests=grouped&action=impersonation.request')).toHaveLength(7);
    expect(await items('requests=grouped&action=impersonation.*')).toHaveLength(7);
  });

  it('refuses an unknown value (400 validation_failed)', async () => {
    const res = await t.app.inject({
      url: '/v1/admin/audit-logs?requests=some',
      headers: { authorization: admin.auth },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'validation_failed', requestId: res.headers['x-request-id'] });
    expect(res.json().errors[0]).toMatchObject({ path: 'querystring.requests' });
  });
});
