import { type RunningOidcProvider, startOidcProvider } from '@repo/devstack';
import { uniqueEmail } from '@repo/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, useTestApps } from '../../app.test-support';
import { createUser } from '../auth/auth.test-support';
import {
  cookiesOf,
  deliverCallback,
  flowCookie,
  providerLogin,
  redirectOf,
  startFlow,
} from './sso.test-support';

/**
 * The built-in Google provider (GOOGLE_ISSUER_URL, discovery) against a second, real OpenID
 * Provider standing in for accounts.google.com, with its own client credentials.
 */
let google: RunningOidcProvider;
beforeAll(async () => {
  google = await startOidcProvider({
    port: 0,
    clientId: 'groundwork-test.apps.googleusercontent.com',
    clientSecret: 'GOCSPX-local-test-secret',
  });
});
afterAll(async () => {
  await google?.stop();
});
const apps = useTestApps(() => ({
  GOOGLE_ISSUER_URL: google.issuer,
  GOOGLE_CLIENT_ID: google.clientId,
  GOOGLE_CLIENT_SECRET: google.clientSecret,
}));

async function untilCallback(t: TestApp, login: string) {
  const { location, flow } = await startFlow(t, 'google');
  expect(new URL(location).origin).toBe(google.issuer);
  const callback = await providerLogin(location, login);
  return { callback, cookies: { [flowCookie(t)]: flow as string } };
}

describe('SSO with Google', () => {
  it('signs a new verified address up and in, keyed by the Google issuer and subject', async () => {
    const t = await apps();
    const res0 = await t.app.inject({ method: 'GET', url: '/v1/auth/sso/providers' });
    expect(res0.json()).toEqual([{ id: 'google', label: 'Google', kind: 'oidc' }]);

    const email = uniqueEmail('google');
    const { callback, cookies } = await untilCallback(t, email);
    const res = await deliverCallback(t, callback, cookies);
    expect(redirectOf(res).searchParams.get('error')).toBeNull();
    expect(String(res.headers.location)).toBe(`${t.deps.env.APP_URL.replace(/\/$/, '')}/en/dashboard`);
    expect(cookiesOf(res).gw_at).toBeTruthy();
    expect(cookiesOf(res).gw_rt).toBeTruthy();
    const user = await t.deps.db.user.findUnique({
      where: { email },
      include: { sessions: true, identities: true },
    });
    expect(user?.emailVerifiedAt).not.toBeNull();
    expect(user?.sessions).toHaveLength(1);
    expect(user?.identities).toMatchObject([{ provider: 'google', issuer: google.issuer, subject: email }]);
  });

  it('never links a Google account to a pre-registered address', async () => {
    const t = await apps();
    const existing = await createUser(t, { prefix: 'google-prereg' });
    const { callback, cookies } = await untilCallback(t, existing.email);
    const res = await deliverCallback(t, callback, cookies);
    expect(redirectOf(res).pathname).toBe('/en/sign-in');
    expect(redirectOf(res).searchParams.get('error')).toBe('sso_account_exists');
    expect(cookiesOf(res).gw_at).toBeUndefined();
    expect(await t.deps.db.identity.count({ where: { userId: existing.id } })).toBe(0);
    expect(await t.deps.db.session.count({ where: { userId: existing.id } })).toBe(0);
  });
});
