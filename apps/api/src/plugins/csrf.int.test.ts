import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApps } from '../app.test-support';
import {
  bearer,
  createUser,
  names,
  randomIp,
  signInWithBody,
  signInWithCookies,
} from '../modules/auth/auth.test-support';

const testApp = useTestApps();

async function signedIn(t: TestApp) {
  const user = await createUser(t);
  const { jar } = await signInWithCookies(t, user.email);
  const n = names(t);
  // A second session, so "revoke others" has something to do.
  await signInWithBody(t, user.email);
  return { user, cookies: { [n.access]: jar[n.access] ?? '', [n.refresh]: jar[n.refresh] ?? '' } };
}

const liveSessions = (t: TestApp, userId: string) =>
  t.deps.db.session.count({ where: { userId, revokedAt: null } });

describe('CSRF on cookie-authenticated mutations', () => {
  it.each([
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
    ['an opaque Origin', { origin: 'null' }],
    ['neither header', {}],
  ])('refuses %s with 403 csrf_rejected and changes nothing', async (_, headers) => {
    const t = await testApp();
    const { user, cookies } = await signedIn(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/me/sessions/revoke-others',
      headers,
      cookies,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'csrf_rejected', status: 403 });
    expect(await liveSessions(t, user.id)).toBe(2);
  });

  it.each([
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
    ['the web app Origin (APP_URL)', { origin: 'https://app.example.test' }],
    ['an Origin from CORS_ORIGINS', { origin: 'https://admin.example.test', 'sec-fetch-site': 'cross-site' }],
  ])('lets %s through', async (_, headers) => {
    const t = await testApp({
      APP_URL: 'https://app.example.test/',
      CORS_ORIGINS: 'https://admin.example.test',
    });
    const { user, cookies } = await signedIn(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/me/sessions/revoke-others',
      headers,
      cookies,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ revoked: 1 });
    expect(await liveSessions(t, user.id)).toBe(1);
  });

  it('exempts Bearer requests, which a cross-site page cannot send', async () => {
    const t = await testApp();
    const user = await createUser(t);
    const { tokens } = await signInWithBody(t, user.email);
    await signInWithBody(t, user.email);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/me/sessions/revoke-others',
      headers: {
        ...bearer(tokens.accessToken),
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
    });
    expect(res.statusCode).toBe(200);
  });

  it('guards sign-out and refresh too (they ride on the refresh cookie)', async () => {
    const t = await testApp();
    const { user, cookies } = await signedIn(t);
    for (const url of ['/v1/auth/sign-out', '/v1/auth/refresh']) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { origin: 'https://evil.example' },
        cookies,
      });
      expect(res.statusCode).toBe(403);
    }
    expect(await liveSessions(t, user.id)).toBe(2);
  });

  it('a form post (no cookies needed to see it) is refused by the JSON-only body parser', async () => {
    const t = await testApp();
    const user = await createUser(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-in',
      remoteAddress: randomIp(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      payload: `email=${encodeURIComponent(user.email)}&password=x`,
    });
    expect(res.statusCode).toBe(415);
  });
});

describe('route table: GET has no side effects', () => {
  it('every GET under /v1 works cookie-authenticated from a foreign origin and writes nothing', async () => {
    const t = await testApp();
    const { user, cookies } = await signedIn(t);
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const gets = Object.entries(spec.paths)
      .filter(([path, ops]) => path.startsWith('/v1/') && 'get' in ops)
      .map(([path]) => path.replace(/\{[^}]+\}/g, randomUUID()));
    expect(gets).toContain('/v1/me/sessions');

    const counts = async () => ({
      audit: await t.deps.db.auditLog.count(),
      outbox: await t.deps.db.outboxEvent.count(),
      sessions: await t.deps.db.session.findMany({ where: { userId: user.id }, orderBy: { id: 'asc' } }),
      user: await t.deps.db.user.findUniqueOrThrow({ where: { id: user.id } }),
    });
    const before = await counts();
    for (const url of gets) {
      const res = await t.app.inject({
        method: 'GET',
        url,
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        cookies,
      });
      expect(res.statusCode, url).toBeLessThan(500);
      // Reads are never refused as CSRF; a 403 may only be the route's permission (admin routes).
      if (res.statusCode === 403) expect(res.json().code, url).toBe('forbidden');
    }
    expect(await counts()).toEqual(before);
  });
});
