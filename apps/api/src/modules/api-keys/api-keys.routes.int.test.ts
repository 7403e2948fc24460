import { randomUUID } from 'node:crypto';
import { API_KEY_PATTERN } from '@repo/contracts';
import { describe, expect, it, vi } from 'vitest';
import { type TestApp, useTestApps } from '../../app.test-support';
import { hashToken } from '../../lib/crypto-tokens';
import { randomIp } from '../auth/auth.test-support';
import { bearerFor, createKey, createOrgWorld } from '../orgs/orgs.test-support';

// A fresh Redis prefix per app: rate-limit counters of other files never interfere.
const app = useTestApps(() => ({ REDIS_PREFIX: `ak${randomUUID().slice(0, 8)}` }));

const DAY = 86_400_000;
const base = (orgId: string) => `/v1/orgs/${orgId}/api-keys`;

async function createVia(t: TestApp, orgId: string, auth: string, payload: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: base(orgId),
    headers: { authorization: auth },
    payload,
  });
}

const get = (t: TestApp, url: string, auth?: string, ip = randomIp()) =>
  t.app.inject({ url, remoteAddress: ip, headers: auth ? { authorization: auth } : {} });

describe('API keys: create, list', () => {
  it('creates a key for a sudo-fresh manager, shows the secret once and stores only its hash', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const res = await createVia(t, w.org.id, w.owner.auth, {
      name: ' CI deploy ',
      scopes: ['organization:read'],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.key).toMatch(API_KEY_PATTERN);
    expect(body.apiKey).toMatchObject({
      name: 'CI deploy',
      prefix: body.key.slice(0, 16),
      scopes: ['organization:read'],
      status: 'active',
      createdBy: { id: w.owner.id, name: w.owner.name },
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
      replacedById: null,
    });
    const secret = body.key.slice(17);

    const row = await t.deps.db.apiKey.findUniqueOrThrow({ where: { id: body.apiKey.id } });
    expect(row.organizationId).toBe(w.org.id);
    expect(row.secretHash).toBe(hashToken(secret));
    expect(JSON.stringify(row)).not.toContain(secret);

    const audit = await t.deps.db.auditLog.findFirstOrThrow({
      where: { action: 'org.apikey_created', targetId: row.id },
    });
    expect(audit).toMatchObject({ actorId: w.owner.id, organizationId: w.org.id, targetType: 'api_key' });
    expect(audit.diff).toMatchObject({
      after: { name: 'CI deploy', prefix: row.prefix, scopes: ['organization:read'], expiresAt: null },
    });
    expect(JSON.stringify(audit)).not.toContain(secret);

    // Listed, but never with the secret.
    const list = await get(t, base(w.org.id), w.admin.auth);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(secret);
    expect(list.json().apiKeys.map((k: { id: string }) => k.id)).toContain(row.id);
  });

  it('asks for a recent sign-in (sudo), and refuses members and keys', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const payload = { name: 'x', scopes: ['organization:read'] };
    const stale = await createVia(t, w.org.id, bearerFor(t, w.owner.id, 'user', 3600), payload);
    expect(stale.statusCode).toBe(403);
    expect(stale.json().code).toBe('reauth_required');
    const member = await createVia(t, w.org.id, w.member.auth, payload);
    expect(member.statusCode).toBe(403);
    expect(member.json().code).toBe('forbidden');
    const key = await createVia(t, w.org.id, w.writeKey.auth, payload);
    expect(key.statusCode).toBe(403);
    expect(key.json().code).toBe('forbidden');
    const other = await createVia(t, w.org.id, w.otherOwner.auth, payload);
    expect(other.statusCode).toBe(404);
    // Only the two keys of the world exist.
    expect(await t.deps.db.apiKey.count({ where: { organizationId: w.org.id } })).toBe(2);
    // Keys cannot list keys either.
    expect((await get(t, base(w.org.id), w.writeKey.auth)).statusCode).toBe(403);
  });

  it('validates name, scopes and expiry (future, at most 366 days away)', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const bad = async (payload: Record<string, unknown>, path: string) => {
      const res = await createVia(t, w.org.id, w.owner.auth, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('validation_failed');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    };
    const scopes = ['organization:read'];
    await bad({ name: 'x', scopes: [] }, 'scopes');
    await bad({ name: 'x', scopes: ['admin:everything'] }, 'scopes.0');
    await bad({ name: 'x', scopes: ['organization:read', 'organization:read'] }, 'scopes');
    await bad({ name: '   ', scopes }, 'name');
    await bad({ name: 'x', scopes, expiresAt: new Date(Date.now() - 1000).toISOString() }, 'expiresAt');
    await bad({ name: 'x', scopes, expiresAt: new Date(Date.now() + 367 * DAY).toISOString() }, 'expiresAt');
    await bad({ name: 'x', scopes, expiresAt: 'tomorrow' }, 'expiresAt');
    expect(await t.deps.db.apiKey.count({ where: { organizationId: w.org.id } })).toBe(2);

    const expiresAt = new Date(Date.now() + 365 * DAY).toISOString();
    const ok = await createVia(t, w.org.id, w.owner.auth, { name: 'x', scopes, expiresAt });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().apiKey.expiresAt).toBe(expiresAt);
  });

  it('lists the organization’s keys newest first, with statuses, page by page', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const past = new Date(Date.now() - 1000);
    const revoked = await createKey(t, w.org.id, ['members:read'], { name: 'revoked', revokedAt: past });
    await createKey(t, w.org.id, ['members:read'], { name: 'expired', expiresAt: past });
    const expiring = await createKey(t, w.org.id, ['members:read'], {
      name: 'expiring',
      expiresAt: new Date(Date.now() + DAY),
    });
    await t.deps.db.apiKey.update({
      where: { id: expiring.row.id },
      data: { replacedById: w.readKey.row.id },
    });
    // Revoked wins over expired.
    await t.deps.db.apiKey.update({ where: { id: revoked.row.id }, data: { expiresAt: past } });
    await createKey(t, w.otherOrg.id, ['members:read'], { name: 'other org' });

    const seen: { name: string; status: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `${base(w.org.id)}?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await get(t, url, w.owner.auth);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.apiKeys.length).toBeLessThanOrEqual(2);
      seen.push(...body.apiKeys);
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((k) => [k.name, k.status])).toEqual([
      ['expiring', 'expiring'],
      ['expired', 'expired'],
      ['revoked', 'revoked'],
      ['test key', 'active'],
      ['test key', 'active'],
    ]);

    const filtered = await get(t, `${base(w.org.id)}?q=EXPIR`, w.owner.auth);
    expect(filtered.json().apiKeys.map((k: { name: string }) => k.name)).toEqual(['expiring', 'expired']);

    // Another organization's key is not a cursor here.
    const foreign = await createKey(t, w.otherOrg.id, ['members:read']);
    const res = await get(t, `${base(w.org.id)}?cursor=${foreign.row.id}`, w.owner.auth);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
  });
});

describe('API keys: authenticating with a key', () => {
  it('lets a key read its organization; refuses it elsewhere', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const ok = await get(t, `/v1/orgs/${w.org.id}`, w.readKey.auth);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().id).toBe(w.org.id);

    // Org A's key on org B's URL: as if org B did not exist.
    const other = await get(t, `/v1/orgs/${w.otherOrg.id}`, w.writeKey.auth);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('not_found');
    // A read-only key on a write route.
    const write = await t.app.inject({
      method: 'PATCH',
      url: `/v1/orgs/${w.org.id}`,
      headers: { authorization: w.readKey.auth },
      payload: { name: 'Hijacked' },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().code).toBe('forbidden');
    expect((await t.deps.db.organization.findUniqueOrThrow({ where: { id: w.org.id } })).name).toBe('Acme');
    // A key is not a user.
    const me = await get(t, '/v1/me', w.writeKey.auth);
    expect(me.statusCode).toBe(403);
    expect(me.json().code).toBe('forbidden');
  });

  it('answers revoked, expired, wrong, unknown and malformed keys with the same 401', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const past = new Date(Date.now() - 1000);
    const revoked = await createKey(t, w.org.id, ['organization:read'], { revokedAt: past });
    const expired = await createKey(t, w.org.id, ['organization:read'], { expiresAt: past });
    const secret = w.readKey.key.slice(17);
    const wrongSecret = `${w.readKey.row.prefix}_${secret.startsWith('A') ? 'B' : 'A'}${secret.slice(1)}`;
    const unknownPrefix = `gwk_${'Z'.repeat(12)}_${secret}`;
    const candidates = {
      revoked: revoked.key,
      expired: expired.key,
      wrongSecret,
      unknownPrefix,
      truncated: w.readKey.key.slice(0, -1),
      bare: 'gwk_',
      junk: 'gwk_not-a-key',
    };
    const bodies: string[] = [];
    for (const [label, key] of Object.entries(candidates)) {
      const res = await get(t, `/v1/orgs/${w.org.id}`, `Bearer ${key}`);
      expect(res.statusCode, label).toBe(401);
      const { requestId, ...rest } = res.json();
      expect(requestId).toBe(res.headers['x-request-id']);
      expect(rest.code, label).toBe('api_key_invalid');
      bodies.push(JSON.stringify(rest));
    }
    expect(new Set(bodies).size).toBe(1);
    // None of them was counted as a use.
    const used = await t.deps.db.apiKeyUsage.count({
      where: { apiKeyId: { in: [revoked.row.id, expired.row.id, w.readKey.row.id] } },
    });
    expect(used).toBe(0);
  });

  it('refuses credentials in the query string, even on public routes', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    for (const query of [
      `api_key=${w.readKey.key}`,
      'access_token=abc',
      'API-KEY=abc',
      `x=${w.readKey.key}`,
      'x=gwk_anything',
    ]) {
      for (const path of ['/v1/meta', `/v1/orgs/${w.org.id}`]) {
        const res = await get(t, `${path}?${query}`, w.readKey.auth);
        expect(res.statusCode, `${path}?${query}`).toBe(400);
        expect(res.json().code).toBe('credentials_in_query');
      }
    }
    expect(await t.deps.db.apiKeyUsage.count({ where: { apiKeyId: w.readKey.row.id } })).toBe(0);
  });
});

describe('API keys: rotate, revoke', () => {
  it('rotates: the old key keeps working through the overlap, then answers 401', async () => {
    const t = await app({ API_KEY_ROTATION_OVERLAP_SECONDS: '3600' });
    const w = await createOrgWorld(t);
    const expiresAt = new Date(Date.now() + 30 * DAY);
    const old = await createKey(t, w.org.id, ['organization:read', 'members:read'], {
      name: 'ci',
      expiresAt,
    });
    const before = Date.now();
    const res = await t.app.inject({
      method: 'POST',
      url: `${base(w.org.id)}/${old.row.id}/rotate`,
      headers: { authorization: w.owner.auth },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.key).toMatch(API_KEY_PATTERN);
    expect(body.apiKey).toMatchObject({
      name: 'ci',
      scopes: ['organization:read', 'members:read'],
      status: 'active',
      expiresAt: expiresAt.toISOString(),
      createdBy: { id: w.owner.id },
    });
    expect(body.previous).toMatchObject({ id: old.row.id, status: 'expiring', replacedById: body.apiKey.id });
    const overlapEnd = new Date(body.previous.expiresAt).getTime();
    expect(overlapEnd).toBeGreaterThanOrEqual(before + 3600_000);
    expect(overlapEnd).toBeLessThanOrEqual(Date.now() + 3600_000);

    const oldRow = await t.deps.db.apiKey.findUniqueOrThrow({ where: { id: old.row.id } });
    expect(oldRow.replacedById).toBe(body.apiKey.id);
    expect(oldRow.expiresAt?.getTime()).toBe(overlapEnd);
    const audit = await t.deps.db.auditLog.findFirstOrThrow({
      where: { action: 'org.apikey_rotated', targetId: old.row.id },
    });
    expect(audit).toMatchObject({ actorId: w.owner.id, organizationId: w.org.id });
    expect(JSON.stringify(audit)).not.toContain(body.key.slice(17));

    // Both work during the overlap.
    expect((await get(t, `/v1/orgs/${w.org.id}`, old.auth)).statusCode).toBe(200);
    expect((await get(t, `/v1/orgs/${w.org.id}`, `Bearer ${body.key}`)).statusCode).toBe(200);
    // A replaced key cannot be rotated again.
    const again = await t.app.inject({
      method: 'POST',
      url: `${base(w.org.id)}/${old.row.id}/rotate`,
      headers: { authorization: w.owner.auth },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('conflict');

    // The overlap ends.
    await t.deps.db.apiKey.update({
      where: { id: old.row.id },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    const dead = await get(t, `/v1/orgs/${w.org.id}`, old.auth);
    expect(dead.statusCode).toBe(401);
    expect(dead.json().code).toBe('api_key_invalid');
    expect((await get(t, `/v1/orgs/${w.org.id}`, `Bearer ${body.key}`)).statusCode).toBe(200);
  });

  it('keeps an earlier expiry than the overlap, and a zero overlap ends the old key at once', async () => {
    const t = await app({ API_KEY_ROTATION_OVERLAP_SECONDS: '0' });
    const w = await createOrgWorld(t);
    const res = await t.app.inject({
      method: 'POST',
      url: `${base(w.org.id)}/${w.readKey.row.id}/rotate`,
      headers: { authorization: w.admin.auth },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().previous.status).toBe('expired');
    expect((await get(t, `/v1/orgs/${w.org.id}`, w.readKey.auth)).statusCode).toBe(401);
    expect((await get(t, `/v1/orgs/${w.org.id}`, `Bearer ${res.json().key}`)).statusCode).toBe(200);

    const t2 = await app({ API_KEY_ROTATION_OVERLAP_SECONDS: '86400' });
    const soon = new Date(Date.now() + 60_000);
    const key = await createKey(t2, w.org.id, ['organization:read'], { expiresAt: soon });
    const rotated = await t2.app.inject({
      method: 'POST',
      url: `${base(w.org.id)}/${key.row.id}/rotate`,
      headers: { authorization: w.owner.auth },
    });
    expect(rotated.statusCode).toBe(201);
    expect(rotated.json().previous.expiresAt).toBe(soon.toISOString());
  });

  it('only rotates live keys of this organization, for sudo-fresh managers', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const past = new Date(Date.now() - 1000);
    const revoked = await createKey(t, w.org.id, ['organization:read'], { revokedAt: past });
    const expired = await createKey(t, w.org.id, ['organization:read'], { expiresAt: past });
    const foreign = await createKey(t, w.otherOrg.id, ['organization:read']);
    const rotate = (keyId: string, auth = w.owner.auth) =>
      t.app.inject({
        method: 'POST',
        url: `${base(w.org.id)}/${keyId}/rotate`,
        headers: { authorization: auth },
      });

    for (const id of [revoked.row.id, expired.row.id]) {
      const res = await rotate(id);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('conflict');
    }
    for (const id of [foreign.row.id, randomUUID()]) {
      const res = await rotate(id);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
    const stale = await rotate(w.readKey.row.id, bearerFor(t, w.owner.id, 'user', 3600));
    expect(stale.statusCode).toBe(403);
    expect(stale.json().code).toBe('reauth_required');
    expect((await rotate(w.readKey.row.id, w.member.auth)).statusCode).toBe(403);
    // Nothing changed: no new key, the foreign key untouched.
    expect(await t.deps.db.apiKey.count({ where: { organizationId: w.org.id } })).toBe(4);
    const f = await t.deps.db.apiKey.findUniqueOrThrow({ where: { id: foreign.row.id } });
    expect(f.replacedById).toBeNull();
    expect(
      await t.deps.db.auditLog.count({ where: { action: 'org.apikey_rotated', organizationId: w.org.id } }),
    ).toBe(0);
  });

  it('rotates a key once when asked twice at the same time', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const rotate = () =>
      t.app.inject({
        method: 'POST',
        url: `${base(w.org.id)}/${w.readKey.row.id}/rotate`,
        headers: { authorization: w.owner.auth },
      });
    const answers = await Promise.all([rotate(), rotate(), rotate()]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    // One replacement only: the world's two keys plus one.
    expect(await t.deps.db.apiKey.count({ where: { organizationId: w.org.id } })).toBe(3);
    expect(
      await t.deps.db.auditLog.count({ where: { action: 'org.apikey_rotated', targetId: w.readKey.row.id } }),
    ).toBe(1);
  });

  it('revokes at once, idempotently, and only within the organization', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    expect((await get(t, `/v1/orgs/${w.org.id}`, w.writeKey.auth)).statusCode).toBe(200);
    const del = (keyId: string, orgId = w.org.id) =>
      t.app.inject({
        method: 'DELETE',
        url: `${base(orgId)}/${keyId}`,
        headers: { authorization: w.admin.auth },
      });

    const res = await del(w.writeKey.row.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: w.writeKey.row.id, status: 'revoked' });
    const revokedAt = res.json().revokedAt;
    expect(revokedAt).not.toBeNull();
    const next = await get(t, `/v1/orgs/${w.org.id}`, w.writeKey.auth);
    expect(next.statusCode).toBe(401);
    expect(next.json().code).toBe('api_key_invalid');

    const again = await del(w.writeKey.row.id);
    expect(again.statusCode).toBe(200);
    expect(again.json().revokedAt).toBe(revokedAt);
    expect(
      await t.deps.db.auditLog.count({
        where: { action: 'org.apikey_revoked', targetId: w.writeKey.row.id },
      }),
    ).toBe(1);

    const foreign = await createKey(t, w.otherOrg.id, ['organization:read']);
    const cross = await del(foreign.row.id);
    expect(cross.statusCode).toBe(404);
    expect(
      (await t.deps.db.apiKey.findUniqueOrThrow({ where: { id: foreign.row.id } })).revokedAt,
    ).toBeNull();
    expect((await del(randomUUID())).statusCode).toBe(404);
    // A member cannot revoke.
    const member = await t.app.inject({
      method: 'DELETE',
      url: `${base(w.org.id)}/${w.readKey.row.id}`,
      headers: { authorization: w.member.auth },
    });
    expect(member.statusCode).toBe(403);
    expect(
      (await t.deps.db.apiKey.findUniqueOrThrow({ where: { id: w.readKey.row.id } })).revokedAt,
    ).toBeNull();
  });
});

describe('API keys: usage and rate limit', () => {
  it('counts every request made with a key per UTC day and records the last use', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const ip = '203.0.113.9';
    expect((await get(t, `/v1/orgs/${w.org.id}`, w.readKey.auth, ip)).statusCode).toBe(200);
    // Refused requests are uses too: the key was presented and verified.
    expect((await get(t, `/v1/me`, w.readKey.auth, ip)).statusCode).toBe(403);
    await Promise.all(Array.from({ length: 10 }, () => get(t, `/v1/orgs/${w.org.id}`, w.readKey.auth, ip)));
    const today = new Date().toISOString().slice(0, 10);
    await vi.waitFor(async () => {
      const row = await t.deps.db.apiKeyUsage.findUnique({
        where: { apiKeyId_day: { apiKeyId: w.readKey.row.id, day: new Date(today) } },
      });
      expect(row?.count).toBe(12);
    });
    const key = await t.deps.db.apiKey.findUniqueOrThrow({ where: { id: w.readKey.row.id } });
    expect(key.lastUsedIp).toBe(ip);
    expect(Date.now() - (key.lastUsedAt?.getTime() ?? 0)).toBeLessThan(30_000);

    // Earlier days, and another key's, do not mix.
    await t.deps.db.apiKeyUsage.create({
      data: { apiKeyId: w.readKey.row.id, day: new Date(Date.parse(today) - 2 * DAY), count: 5 },
    });
    await t.deps.db.apiKeyUsage.create({
      data: { apiKeyId: w.readKey.row.id, day: new Date(Date.parse(today) - 40 * DAY), count: 100 },
    });
    await t.deps.db.apiKeyUsage.create({
      data: { apiKeyId: w.writeKey.row.id, day: new Date(today), count: 7 },
    });
    const res = await get(t, `${base(w.org.id)}/${w.readKey.row.id}/usage?days=7`, w.owner.auth);
    expect(res.statusCode).toBe(200);
    const usage = res.json();
    expect(usage.days).toHaveLength(7);
    expect(usage.days[0].day).toBe(new Date(Date.parse(today) - 6 * DAY).toISOString().slice(0, 10));
    expect(usage.days.at(-1)).toEqual({ day: today, count: 12 });
    expect(usage.days.at(-3)).toEqual({
      day: new Date(Date.parse(today) - 2 * DAY).toISOString().slice(0, 10),
      count: 5,
    });
    expect(usage.total).toBe(17);
    const days = usage.days.map((d: { day: string }) => Date.parse(d.day));
    expect(days.slice(1).every((d: number, i: number) => d - (days[i] as number) === DAY)).toBe(true);

    // The default window is 30 days; the 40-day-old count is outside it.
    const month = (await get(t, `${base(w.org.id)}/${w.readKey.row.id}/usage`, w.owner.auth)).json();
    expect(month.days).toHaveLength(30);
    expect(month.total).toBe(17);

    for (const days of ['0', '91', 'x']) {
      const bad = await get(t, `${base(w.org.id)}/${w.readKey.row.id}/usage?days=${days}`, w.owner.auth);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('validation_failed');
    }
    const foreign = await createKey(t, w.otherOrg.id, ['organization:read']);
    expect((await get(t, `${base(w.org.id)}/${foreign.row.id}/usage`, w.owner.auth)).statusCode).toBe(404);
  });

  it('refreshes lastUsedAt at most every few seconds, but at once from a new address', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const recent = new Date(Date.now() - 2000);
    await t.deps.db.apiKey.update({
      where: { id: w.readKey.row.id },
      data: { lastUsedAt: recent, lastUsedIp: '198.51.100.1' },
    });
    const usageCount = async () =>
      (await t.deps.db.apiKeyUsage.findMany({ where: { apiKeyId: w.readKey.row.id } })).reduce(
        (s, r) => s + r.count,
        0,
      );

    await get(t, `/v1/orgs/${w.org.id}`, w.readKey.auth, '198.51.100.1');
    await vi.waitFor(async () => expect(await usageCount()).toBe(1));
    let row = await t.deps.db.apiKey.findUniqueOrThrow({ where: { id: w.readKey.row.id } });
    expect(row.lastUsedAt?.getTime()).toBe(recent.getTime());

    await get(t, `/v1/orgs/${w.org.id}`, w.readKey.auth, '198.51.100.2');
    await vi.waitFor(async () => expect(await usageCount()).toBe(2));
    row = await t.deps.db.apiKey.findUniqueOrThrow({ where: { id: w.readKey.row.id } });
    expect(row.lastUsedIp).toBe('198.51.100.2');
    expect(row.lastUsedAt?.getTime()).toBeGreaterThan(recent.getTime());
  });

  it('never fails or delays a request when usage cannot be recorded', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const failing = vi
      .spyOn(t.deps.db, '$executeRaw')
      .mockImplementation((() => Promise.reject(new Error('database gone'))) as never);
    const res = await get(t, `/v1/orgs/${w.org.id}`, w.readKey.auth);
    expect(res.statusCode).toBe(200);
    await vi.waitFor(() => expect(failing).toHaveBeenCalledTimes(1));
    failing.mockRestore();
    expect(await t.deps.db.apiKeyUsage.count({ where: { apiKeyId: w.readKey.row.id } })).toBe(0);
  });

  it('limits each key on its own budget, apart from the IP budget', async () => {
    const t = await app({ API_KEY_RATE_LIMIT_MAX: '3', RATE_LIMIT_MAX: '5' });
    const w = await createOrgWorld(t);
    const ip = randomIp();
    const url = `/v1/orgs/${w.org.id}`;
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await get(t, url, w.readKey.auth, ip);
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe('3');
      remaining.push(String(res.headers['ratelimit-remaining']));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await get(t, url, w.readKey.auth, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    // Another key from the same address has its own budget…
    const other = await get(t, url, w.writeKey.auth, ip);
    expect(other.statusCode).toBe(200);
    expect(other.headers['ratelimit-remaining']).toBe('2');
    // …and the address's own budget was not spent by the keys.
    const user = await get(t, url, w.owner.auth, ip);
    expect(user.statusCode).toBe(200);
    expect(user.headers['ratelimit-limit']).toBe('5');
    expect(user.headers['ratelimit-remaining']).toBe('4');

    // An invalid key is no identity: it spends the address's budget, and is limited with it.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await get(t, url, `Bearer gwk_${'x'.repeat(12)}_nope`, ip)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect((await get(t, url, w.owner.auth, ip)).statusCode).toBe(429);
  });
});
