import { uniqueEmail } from '@repo/testing';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { signUpCookieName } from '../../lib/cookies';
import { names, SAME_ORIGIN } from '../auth/auth.test-support';
import { ip, lastEvent, PASSWORD } from './accounts.test-support';

/** ADR 0028: the verification link signs in the browser that signed up, once, soon after. */
const TTL = 900;
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ SIGN_UP_CONTINUATION_TTL_SECONDS: String(TTL) });
});
afterAll(() => t?.close());

const cookieName = () => signUpCookieName(t.deps.env.COOKIE_SECURE);

/** A browser: the cookies it holds, sent with every request, updated from every answer. */
function browser() {
  const jar: Record<string, string> = {};
  const send = async (url: string, payload: unknown, method: 'POST' | 'GET' = 'POST') => {
    const res = await t.app.inject({
      method,
      url,
      remoteAddress: ip(),
      headers: SAME_ORIGIN,
      cookies: jar,
      ...(method === 'POST' ? { payload: payload as object } : {}),
    });
    for (const c of res.cookies) {
      if (c.maxAge === 0 || (c.expires && c.expires.getTime() <= Date.now())) delete jar[c.name];
      else jar[c.name] = c.value;
    }
    return res;
  };
  return { jar, send };
}

async function signUp(b: ReturnType<typeof browser>, prefix = 'cont') {
  const email = uniqueEmail(prefix);
  const res = await b.send('/v1/auth/sign-up', { email, password: PASSWORD, name: 'Cora Tinuation' });
  expect(res.statusCode).toBe(202);
  const event = await lastEvent(t, 'user.verification_requested', email);
  if (!event) throw new Error('no verification event');
  return { email, userId: event.userId, token: event.token };
}

const sessionCookies = (res: LightMyRequestResponse) =>
  res.cookies.filter((c) => [names(t).access, names(t).refresh].includes(c.name) && c.value !== '');

describe('sign-up continuation cookie', () => {
  it('is set, httpOnly and short-lived, on every sign-up answer (new and existing addresses alike)', async () => {
    const b = browser();
    const { email } = await signUp(b, 'cont-new');
    const again = await b.send('/v1/auth/sign-up', { email, password: PASSWORD, name: 'Someone Else' });
    expect(again.statusCode).toBe(202);
    const cookie = again.cookies.find((c) => c.name === cookieName());
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: TTL });
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('POST /v1/auth/verify-email with the sign-up cookie', () => {
  it('signs in the browser that signed up, once, and clears its sign-up cookie', async () => {
    const b = browser();
    const { email, userId, token } = await signUp(b);
    const continuation = b.jar[cookieName()] as string;

    const res = await b.send('/v1/auth/verify-email', { token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'verified', purpose: 'verify_email', email, signedIn: true });
    expect(
      sessionCookies(res)
        .map((c) => c.name)
        .sort(),
    ).toEqual([names(t).access, names(t).refresh].sort());
    expect(b.jar[cookieName()]).toBeUndefined();
    // The session is real: the new cookies open /v1/me.
    const me = await b.send('/v1/me', null, 'GET');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: userId, email, emailVerified: true });
    const audit = await t.deps.db.auditLog.findMany({ where: { actorId: userId, action: 'auth.sign_in' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.diff).toMatchObject({ after: { via: 'sign_up_verification' } });

    // Single use: the same link again (even with the cookie restored) opens nothing.
    const replay = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/verify-email',
      remoteAddress: ip(),
      headers: SAME_ORIGIN,
      cookies: { [cookieName()]: continuation },
      payload: { token },
    });
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ code: 'link_invalid' });
    expect(sessionCookies(replay)).toHaveLength(0);
  });

  it('does not sign in another browser: verified, signedIn false, address given for the sign-in form', async () => {
    const signedUpHere = browser();
    const { email, token } = await signUp(signedUpHere);
    const elsewhere = browser();
    // Elsewhere has a sign-up cookie of its own (it signed up someone else): it must not match.
    await signUp(elsewhere, 'cont-other');

    const res = await elsewhere.send('/v1/auth/verify-email', { token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'verified', purpose: 'verify_email', email, signedIn: false });
    expect(sessionCookies(res)).toHaveLength(0);
    // Its own sign-up cookie is left alone: it still belongs to the sign-up made there.
    expect(elsewhere.jar[cookieName()]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await t.deps.db.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).toBeInstanceOf(
      Date,
    );
    // And the browser that signed up cannot use the spent link afterwards.
    const late = await signedUpHere.send('/v1/auth/verify-email', { token });
    expect(late.statusCode).toBe(400);
    expect(sessionCookies(late)).toHaveLength(0);
  });

  it('does not sign in once the continuation window has passed, but still verifies', async () => {
    const b = browser();
    const { email, userId, token } = await signUp(b);
    // The link was issued longer ago than the window (the mail sat in the inbox).
    await t.deps.db.emailToken.updateMany({
      where: { userId, purpose: 'verify_email', usedAt: null },
      data: { createdAt: new Date(Date.now() - (TTL + 5) * 1000) },
    });

    const res = await b.send('/v1/auth/verify-email', { token });
    expect(res.json()).toEqual({ status: 'verified', purpose: 'verify_email', email, signedIn: false });
    expect(sessionCookies(res)).toHaveLength(0);
  });

  it('carries over to a resent link from the same browser, and only from it', async () => {
    const b = browser();
    const { email, token: first } = await signUp(b);
    expect((await b.send('/v1/auth/verify-email/resend', { email })).statusCode).toBe(202);
    const resent = (await lastEvent(t, 'user.verification_requested', email))?.token;
    expect(resent).not.toBe(first);

    const res = await b.send('/v1/auth/verify-email', { token: resent });
    expect(res.json()).toMatchObject({ signedIn: true });

    // A resend from a browser without the cookie gives a link that signs nobody in.
    const c = browser();
    const other = await signUp(c, 'cont-resend');
    const stranger = browser();
    expect((await stranger.send('/v1/auth/verify-email/resend', { email: other.email })).statusCode).toBe(
      202,
    );
    const strangerLink = (await lastEvent(t, 'user.verification_requested', other.email))?.token;
    const res2 = await c.send('/v1/auth/verify-email', { token: strangerLink });
    expect(res2.json()).toMatchObject({ signedIn: false });
  });

  it('ignores a malformed sign-up cookie (no 500, no session)', async () => {
    const b = browser();
    const { token } = await signUp(b);
    b.jar[cookieName()] = 'not a token!';
    const res = await b.send('/v1/auth/verify-email', { token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ signedIn: false });
  });
});
