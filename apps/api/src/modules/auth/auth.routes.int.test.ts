import { uniqueEmail } from '@repo/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import {
  bearer,
  createUser,
  names,
  PASSWORD,
  randomIp,
  SAME_ORIGIN,
  signInWithBody,
  signInWithCookies,
} from './auth.test-support';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

describe('POST /v1/auth/sign-in', () => {
  it('opens a session, sets httpOnly Lax cookies and returns no tokens in the body', async () => {
    const user = await createUser(t);
    const { res, jar } = await signInWithCookies(t, user.email.toUpperCase());

    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ user: { id: user.id, email: user.email, emailVerified: true } });
    expect(body.tokens).toBeUndefined();
    const n = names(t);
    for (const name of [n.access, n.refresh, n.device]) {
      const c = res.cookies.find((x) => x.name === name);
      expect(c, name).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    }
    const sessions = await t.deps.db.session.findMany({ where: { userId: user.id } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ device: 'Chrome on Mac OS', amr: ['pwd'], revokedAt: null });
    expect(await t.deps.db.refreshToken.count({ where: { sessionId: sessions[0]?.id } })).toBe(1);
    const audit = await t.deps.db.auditLog.findMany({ where: { actorId: user.id, action: 'auth.sign_in' } });
    expect(audit).toHaveLength(1);

    // The access cookie authenticates.
    const me = await t.app.inject({
      method: 'GET',
      url: '/v1/me/sessions',
      cookies: { [n.access]: jar[n.access] ?? '' },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().sessions).toEqual([expect.objectContaining({ id: sessions[0]?.id, current: true })]);
  });

  it('returns the token pair in the body for API clients, and the access token works as Bearer', async () => {
    const user = await createUser(t);
    const { res, tokens } = await signInWithBody(t, user.email);
    expect(res.statusCode).toBe(200);
    expect(res.cookies.filter((c) => c.name !== names(t).device)).toEqual([]);
    expect(tokens).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
    const me = await t.app.inject({
      method: 'GET',
      url: '/v1/me/sessions',
      headers: bearer(tokens.accessToken),
    });
    expect(me.statusCode).toBe(200);
  });

  it('answers an unknown email, a wrong password and a disabled account identically', async () => {
    const user = await createUser(t);
    const disabled = await createUser(t, { disabled: true });
    const attempts = [
      { email: uniqueEmail('nobody'), password: PASSWORD },
      { email: user.email, password: 'wrong password, clearly' },
      { email: disabled.email, password: PASSWORD },
    ];
    const answers = [];
    for (const payload of attempts) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/auth/sign-in',
        remoteAddress: randomIp(),
        payload,
      });
      expect(res.statusCode).toBe(401);
      const { requestId: _, ...rest } = res.json();
      answers.push({ body: rest, cookies: res.cookies.map((c) => c.name) });
    }
    expect(answers[0]).toMatchObject({ body: { code: 'invalid_credentials' }, cookies: [] });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(await t.deps.db.session.count({ where: { userId: { in: [user.id, disabled.id] } } })).toBe(0);
    const failed = await t.deps.db.auditLog.count({
      where: { action: 'auth.sign_in_failed', targetId: { in: [user.id, disabled.id] } },
    });
    expect(failed).toBe(2);
  });

  it('tells the holder of the right password that the address is unverified (403)', async () => {
    const user = await createUser(t, { verified: false });
    const { res } = await signInWithCookies(t, user.email);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'email_not_verified' });
    expect(await t.deps.db.session.count({ where: { userId: user.id } })).toBe(0);
    const wrong = await signInWithCookies(t, user.email, { password: 'not the password at all' });
    expect(wrong.res.json()).toMatchObject({ code: 'invalid_credentials' });
  });

  it('rejects unknown fields and type confusion with 400', async () => {
    for (const payload of [
      { email: 'a@example.test', password: PASSWORD, role: 'admin' },
      { email: ['a@example.test'], password: PASSWORD },
      { email: 'a@example.test', password: { contains: '' } },
      { email: 'a@example.test' },
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/auth/sign-in',
        remoteAddress: randomIp(),
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed' });
    }
  });
});

describe('new-device notification', () => {
  const newDeviceEvents = (userId: string) =>
    t.deps.db.outboxEvent.count({
      where: { type: 'session.new_device', payload: { path: ['userId'], equals: userId } },
    });

  it('is written for a device cookie this user never signed in from, and only then', async () => {
    const user = await createUser(t);
    const first = await signInWithCookies(t, user.email);
    const device = first.jar[names(t).device] as string;
    expect(device).toBeTruthy();
    expect(await newDeviceEvents(user.id)).toBe(0); // the very first sign-in is expected

    await signInWithCookies(t, user.email, { deviceCookie: device });
    expect(await newDeviceEvents(user.id)).toBe(0); // known device

    const other = await signInWithCookies(t, user.email); // no cookie: a new browser
    expect(other.res.statusCode).toBe(200);
    expect(await newDeviceEvents(user.id)).toBe(1);
    const event = await t.deps.db.outboxEvent.findFirstOrThrow({
      where: { type: 'session.new_device', payload: { path: ['userId'], equals: user.id } },
    });
    expect(event.payload).toMatchObject({ email: user.email, device: 'Chrome on Mac OS', locale: 'en' });

    await signInWithCookies(t, user.email, { deviceCookie: other.jar[names(t).device] });
    expect(await newDeviceEvents(user.id)).toBe(1);
  });
});

describe('POST /v1/auth/refresh and /v1/auth/sign-out (cookies)', () => {
  it('rotates the refresh cookie, then sign-out revokes the session and clears cookies', async () => {
    const user = await createUser(t);
    const { jar } = await signInWithCookies(t, user.email);
    const n = names(t);
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      headers: SAME_ORIGIN,
      cookies: { [n.refresh]: jar[n.refresh] ?? '' },
    });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json()).toMatchObject({ user: { id: user.id } });
    const next = Object.fromEntries(refreshed.cookies.map((c) => [c.name, c.value]));
    expect(next[n.refresh]).toBeTruthy();
    expect(next[n.refresh]).not.toBe(jar[n.refresh]);
    expect(next[n.access]).toBeTruthy();

    const out = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-out',
      headers: SAME_ORIGIN,
      cookies: { [n.access]: next[n.access] ?? '', [n.refresh]: next[n.refresh] ?? '' },
    });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.filter((c) => c.name === n.access || c.name === n.refresh);
    expect(cleared.map((c) => c.value)).toEqual(['', '']);
    const session = await t.deps.db.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session).toMatchObject({ revokedReason: 'sign_out' });
    expect(await t.deps.db.auditLog.count({ where: { actorId: user.id, action: 'auth.sign_out' } })).toBe(1);

    // Both the access token and the newest refresh token are dead now.
    const me = await t.app.inject({
      method: 'GET',
      url: '/v1/me/sessions',
      cookies: { [n.access]: next[n.access] ?? '' },
    });
    expect(me.statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      headers: SAME_ORIGIN,
      cookies: { [n.refresh]: next[n.refresh] ?? '' },
    });
    expect(again.statusCode).toBe(401);
    expect(again.json()).toMatchObject({ code: 'token_invalid' });
  });

  it('answers 401 without a refresh token and for a made-up one', async () => {
    const none = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', remoteAddress: randomIp() });
    expect(none.statusCode).toBe(401);
    const madeUp = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      remoteAddress: randomIp(),
      payload: { refreshToken: 'A'.repeat(43) },
    });
    expect(madeUp.statusCode).toBe(401);
    expect(madeUp.json()).toMatchObject({ code: 'token_invalid' });
  });
});
