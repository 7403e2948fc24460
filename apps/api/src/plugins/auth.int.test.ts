import { createSigner } from 'fast-jwt';
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApps } from '../app.test-support';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '../lib/jwt';
import {
  bearer,
  createUser,
  names,
  PASSWORD,
  SAME_ORIGIN,
  signInWithBody,
  signInWithCookies,
} from '../modules/auth/auth.test-support';

const testApp = useTestApps();

/** A test-only route behind each guard. */
const guarded = (app: TestApp['app']) => {
  app.get('/whoami', { onRequest: [app.requireAuth] }, async (req) => ({ userId: req.auth?.userId }));
  app.post('/sudo', { onRequest: [app.requireSudo] }, async () => ({ ok: true }));
};

const whoami = (t: TestApp, headers: Record<string, string>, cookies?: Record<string, string>) =>
  t.app.inject({ method: 'GET', url: '/test/whoami', headers, ...(cookies ? { cookies } : {}) });

/** Same four-part shape as a real token: header.payload.signature. */
function forge(parts: { header?: object; payload?: object; signature?: string }, base: string) {
  const [h, p, s] = base.split('.') as [string, string, string];
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return [
    parts.header ? enc(parts.header) : h,
    parts.payload ? enc(parts.payload) : p,
    parts.signature ?? s,
  ].join('.');
}

describe('access token verification', () => {
  it('accepts a real token and refuses every forgery with the same 401', async () => {
    const t = await testApp({}, { routes: guarded });
    const user = await createUser(t);
    const { tokens } = await signInWithBody(t, user.email);
    const good = tokens.accessToken;
    expect((await whoami(t, bearer(good))).json()).toEqual({ userId: user.id });

    const claims = JSON.parse(Buffer.from(good.split('.')[1] as string, 'base64url').toString());
    const sign = (key: string, extra: object = {}) =>
      createSigner({ key, algorithm: 'HS256' })({ ...claims, ...extra });
    const secret = t.deps.env.AUTH_JWT_SECRET;
    const flipped = `${good.slice(0, -2)}${good.at(-2) === 'A' ? 'B' : 'A'}${good.at(-1)}`;
    const forgeries = {
      algNone: forge({ header: { alg: 'none', typ: 'JWT' }, signature: '' }, good),
      wrongKey: sign('another-secret-that-is-long-enough-000000'),
      wrongIssuer: sign(secret, { iss: 'https://evil.example' }),
      wrongAudience: sign(secret, { aud: 'someone-else' }),
      elevatedPayload: forge({ payload: { ...claims, role: 'admin' } }, good),
      flippedBit: flipped,
      garbage: 'not-a-jwt',
    };
    const answers = await Promise.all(
      Object.values(forgeries).map(async (token) => {
        const res = await whoami(t, bearer(token));
        const { requestId: _, ...body } = res.json();
        return { status: res.statusCode, body };
      }),
    );
    for (const answer of answers) {
      expect(answer).toEqual({ status: 401, body: expect.objectContaining({ code: 'token_invalid' }) });
      expect(answer).toEqual(answers[0]);
    }
  });

  it('tells an expired (authentic) token apart so the client refreshes, but not a forged expired one', async () => {
    const t = await testApp({}, { routes: guarded });
    const user = await createUser(t);
    const { tokens } = await signInWithBody(t, user.email);
    const claims = JSON.parse(
      Buffer.from(tokens.accessToken.split('.')[1] as string, 'base64url').toString(),
    );
    const past = { ...claims, iat: claims.iat - 7200, exp: claims.iat - 3600 };
    const expired = createSigner({ key: t.deps.env.AUTH_JWT_SECRET, algorithm: 'HS256' })(past);
    const res = await whoami(t, bearer(expired));
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'token_expired' });

    const forgedExpired = createSigner({ key: 'x'.repeat(40), algorithm: 'HS256' })(past);
    expect((await whoami(t, bearer(forgedExpired))).json()).toMatchObject({ code: 'token_invalid' });
    expect((await whoami(t, {})).json()).toMatchObject({ code: 'unauthorized' });
    expect([ACCESS_TOKEN_ISSUER, ACCESS_TOKEN_AUDIENCE]).toEqual([claims.iss, claims.aud]);
  });

  it('refuses tampered cookies with 401', async () => {
    const t = await testApp({}, { routes: guarded });
    const user = await createUser(t);
    const { jar } = await signInWithCookies(t, user.email);
    const n = names(t);
    const access = jar[n.access] as string;
    expect((await whoami(t, {}, { [n.access]: access })).statusCode).toBe(200);
    for (const value of [`${access}x`, access.replace(/\.[^.]+$/, '.AAAA'), 'ab"cd', '']) {
      const res = await whoami(t, {}, { [n.access]: value });
      expect(res.statusCode).toBe(401);
    }
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      headers: SAME_ORIGIN,
      cookies: { [n.refresh]: `${jar[n.refresh]}x` },
    });
    expect(refresh.statusCode).toBe(401);
  });
});

describe('revocation propagation', () => {
  it('a session revoked on instance A is refused by instance B within one second', async () => {
    const a = await testApp({}, { routes: guarded });
    const b = await testApp({}, { routes: guarded });
    const user = await createUser(a);
    const { tokens } = await signInWithBody(a, user.email);
    expect((await whoami(b, bearer(tokens.accessToken))).statusCode).toBe(200);

    const session = await a.deps.db.session.findFirstOrThrow({ where: { userId: user.id } });
    const other = await signInWithBody(a, user.email);
    const revoke = await a.app.inject({
      method: 'DELETE',
      url: `/v1/me/sessions/${session.id}`,
      headers: bearer(other.tokens.accessToken),
    });
    expect(revoke.statusCode).toBe(204);

    const deadline = Date.now() + 1000;
    let status = 200;
    while (Date.now() < deadline) {
      status = (await whoami(b, bearer(tokens.accessToken))).statusCode;
      if (status === 401) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe(401);
    // The other session is untouched on both instances.
    expect((await whoami(b, bearer(other.tokens.accessToken))).statusCode).toBe(200);
    expect((await whoami(a, bearer(other.tokens.accessToken))).statusCode).toBe(200);
  });

  it('a fresh instance learns recent revocations from the database at start', async () => {
    const a = await testApp();
    const user = await createUser(a);
    const { tokens } = await signInWithBody(a, user.email);
    await a.deps.db.session.updateMany({ where: { userId: user.id }, data: { revokedAt: new Date() } });
    const late = await testApp({}, { routes: guarded });
    expect((await whoami(late, bearer(tokens.accessToken))).statusCode).toBe(401);
  });
});

describe('sudo mode', () => {
  it('an old authentication gets 403 reauth_required until the password is confirmed', async () => {
    const t = await testApp({ SUDO_WINDOW_SECONDS: '60' }, { routes: guarded });
    const user = await createUser(t);
    const signIn = await signInWithBody(t, user.email);
    const sudo = (token: string) =>
      t.app.inject({ method: 'POST', url: '/test/sudo', headers: bearer(token) });
    expect((await sudo(signIn.tokens.accessToken)).statusCode).toBe(200);

    // The session authenticated two hours ago; a refresh carries that auth_time forward.
    await t.deps.db.session.updateMany({
      where: { userId: user.id },
      data: { authTime: new Date(Date.now() - 7_200_000) },
    });
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      payload: { refreshToken: signIn.tokens.refreshToken },
    });
    const stale = refreshed.json().tokens.accessToken as string;
    const refused = await sudo(stale);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'reauth_required' });

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/reauthenticate',
      headers: bearer(stale),
      payload: { password: 'definitely not it' },
    });
    expect(wrong.statusCode).toBe(401);
    const reauth = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/reauthenticate',
      headers: bearer(stale),
      payload: { password: PASSWORD },
    });
    expect(reauth.statusCode).toBe(200);
    expect((await sudo(reauth.json().accessToken)).statusCode).toBe(200);
    expect(
      await t.deps.db.auditLog.count({ where: { actorId: user.id, action: 'auth.reauthenticated' } }),
    ).toBe(1);
  });
});
