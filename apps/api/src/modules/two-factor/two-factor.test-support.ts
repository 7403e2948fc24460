import { generate } from 'otplib';
import { expect } from 'vitest';
import type { TestApp } from '../../app.test-support';
import {
  CHROME_UA,
  cookieJar,
  createUser,
  randomIp,
  SAME_ORIGIN,
  signInWithCookies,
} from '../auth/auth.test-support';
import { trustedCookieName } from './trusted-devices';

/** Test-only helpers for the 2FA integration tests (imported by *.int.test.ts only). */

/**
 * Pins the app's clock 5 s into the current 30-second TOTP step, so codes computed by the test
 * never straddle a step boundary; `advance()` moves to the next step.
 */
export function steppedClock(t: TestApp) {
  let ms = Math.floor(Date.now() / 30_000) * 30_000 + 5_000;
  t.deps.clock = { now: () => new Date(ms) };
  return {
    advance(steps = 1) {
      ms += steps * 30_000;
    },
    code: (secret: string, offsetSteps = 0) =>
      generate({ secret, epoch: Math.floor(ms / 1000) + offsetSteps * 30 }),
  };
}

export type Jar = Record<string, string>;

export function request(t: TestApp, jar: Jar, ip: string) {
  return (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      cookies: jar,
      remoteAddress: ip,
      headers: { 'user-agent': CHROME_UA, ...SAME_ORIGIN },
      ...(payload ? { payload } : {}),
    });
}

/** A verified user signed in with cookies who enrolled 2FA (confirmed with the current step). */
export async function enrolledUser(
  t: TestApp,
  clock: ReturnType<typeof steppedClock>,
  opts: { admin?: boolean } = {},
) {
  const user = await createUser(t, { prefix: '2fa' });
  if (opts.admin) await t.deps.db.user.update({ where: { id: user.id }, data: { role: 'admin' } });
  const ip = randomIp();
  const { res, jar } = await signInWithCookies(t, user.email, { ip });
  expect(res.statusCode).toBe(200);
  const call = request(t, jar, ip);
  const enrol = await call('POST', '/v1/me/two-factor/enrol');
  expect(enrol.statusCode).toBe(200);
  const { secret } = enrol.json() as { secret: string };
  const confirm = await call('POST', '/v1/me/two-factor/confirm', { code: await clock.code(secret) });
  expect(confirm.statusCode).toBe(200);
  const { backupCodes } = confirm.json() as { backupCodes: string[] };
  return { user, jar, ip, secret, backupCodes, call };
}

/** Password sign-in expected to stop at the second step; returns the challenge token. */
export async function challengeFor(t: TestApp, email: string, opts: { ip?: string; cookies?: Jar } = {}) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/auth/sign-in',
    remoteAddress: opts.ip ?? randomIp(),
    headers: { 'user-agent': CHROME_UA, ...SAME_ORIGIN },
    cookies: opts.cookies ?? {},
    payload: { email, password: 'correct horse battery staple 42' },
  });
  return { res, token: (res.json() as { challengeToken?: string }).challengeToken ?? '' };
}

export function verify(t: TestApp, body: Record<string, unknown>, opts: { ip?: string; cookies?: Jar } = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/v1/auth/two-factor',
    remoteAddress: opts.ip ?? randomIp(),
    headers: { 'user-agent': CHROME_UA, ...SAME_ORIGIN },
    cookies: opts.cookies ?? {},
    payload: body,
  });
}

export const trustedCookie = (t: TestApp, res: Parameters<typeof cookieJar>[0]) =>
  cookieJar(res)[trustedCookieName(t.deps.env.COOKIE_SECURE)];
