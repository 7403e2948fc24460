import { randomInt } from 'node:crypto';
import { uniqueEmail } from '@repo/testing';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../app.test-support';
import { cookieNames } from '../../lib/cookies';
import { hashPassword } from '../../lib/password';

/** Test-only helpers for the auth/session integration tests (imported by *.int.test.ts only). */

export const PASSWORD = 'correct horse battery staple 42';

/** A client address per test, so per-IP limits of one test never touch another. */
export const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

export const CHROME_UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

export async function createUser(
  t: TestApp,
  opts: { verified?: boolean; disabled?: boolean; prefix?: string } = {},
) {
  return t.deps.db.user.create({
    data: {
      email: uniqueEmail(opts.prefix ?? 'session'),
      name: 'Ada Lovelace',
      passwordHash: await hashPassword(PASSWORD),
      emailVerifiedAt: opts.verified === false ? null : new Date(),
      disabledAt: opts.disabled ? new Date() : null,
    },
  });
}

export const cookieJar = (res: LightMyRequestResponse): Record<string, string> =>
  Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));

export const names = (t: TestApp) => cookieNames(t.deps.env.COOKIE_SECURE);

/** Headers a same-origin browser fetch carries. */
export const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };

export interface SignInOptions {
  ip?: string;
  deviceCookie?: string;
  userAgent?: string;
  password?: string;
}

export async function signInWithCookies(t: TestApp, email: string, opts: SignInOptions = {}) {
  const cookies: Record<string, string> = {};
  if (opts.deviceCookie) cookies[names(t).device] = opts.deviceCookie;
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/auth/sign-in',
    remoteAddress: opts.ip ?? randomIp(),
    headers: { 'user-agent': opts.userAgent ?? CHROME_UA, ...SAME_ORIGIN },
    cookies,
    payload: { email, password: opts.password ?? PASSWORD },
  });
  return { res, jar: cookieJar(res) };
}

export async function signInWithBody(t: TestApp, email: string, ip = randomIp()) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/auth/sign-in',
    remoteAddress: ip,
    payload: { email, password: PASSWORD, tokenDelivery: 'body' },
  });
  const body = res.json() as { tokens: { accessToken: string; refreshToken: string } };
  return { res, tokens: body.tokens };
}

export const bearer = (accessToken: string) => ({ authorization: `Bearer ${accessToken}` });
