import { uniqueEmail } from '@repo/testing';
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApps } from '../../app.test-support';
import { createUser } from '../auth/auth.test-support';
import { createFlowSealer } from './flow-cookie';
import {
  cookiesOf,
  deliverCallback,
  devProviderEnv,
  flowCookie,
  providerLogin,
  redirectOf,
  startFlow,
} from './sso.test-support';

/** The generic OIDC flow against the devstack's real oidc-provider, driven over HTTP. */
const apps = useTestApps(() => devProviderEnv());

async function sessionsOf(t: TestApp, email: string) {
  const user = await t.deps.db.user.findUnique({
    where: { email },
    include: { sessions: true, identities: true },
  });
  return { user, sessions: user?.sessions ?? [], identities: user?.identities ?? [] };
}

/** start → provider login → the callback URL and the flow cookie, not yet delivered. */
async function untilCallback(t: TestApp, login: string) {
  const { location, flow } = await startFlow(t);
  const callback = await providerLogin(location, login);
  return { callback, cookies: { [flowCookie(t)]: flow as string } };
}

describe('SSO with a generic OIDC provider', () => {
  it('lists only configured providers', async () => {
    const t = await apps();
    const res = await t.app.inject({ method: 'GET', url: '/v1/auth/sso/providers' });
    expect(res.json()).toEqual([{ id: 'dev', label: 'Dev SSO', kind: 'oidc' }]);
  });

  it('starts with PKCE S256, state and nonce, and signs a new verified address up and in', async () => {
    const t = await apps();
    const email = uniqueEmail('sso');
    const { location, flow } = await startFlow(t, 'dev', '/fr/dashboard');
    const auth = new URL(location);
    expect(auth.origin).toBe(process.env.OIDC_ISSUER_URL);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('state')).toBeTruthy();
    expect(auth.searchParams.get('nonce')).toBeTruthy();
    expect(flow).toBeTruthy();

    const callback = await providerLogin(location, email);
    expect(callback.searchParams.get('code')).toBeTruthy();
    const res = await deliverCallback(t, callback, { [flowCookie(t)]: flow as string });
    expect(res.statusCode).toBe(302);
    expect(String(res.headers.location)).toBe(`${t.deps.env.APP_URL.replace(/\/$/, '')}/fr/dashboard`);
    const jar = cookiesOf(res);
    expect(jar.gw_at).toBeTruthy();
    expect(jar.gw_rt).toBeTruthy();

    const { user, sessions, identities } = await sessionsOf(t, email);
    expect(user?.emailVerifiedAt).not.toBeNull();
    expect(user?.passwordHash).toBeNull();
    expect(user?.locale).toBe('fr');
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.amr).toEqual(['fed']);
    expect(identities).toMatchObject([
      { provider: 'dev', subject: email, issuer: process.env.OIDC_ISSUER_URL },
    ]);
    const audit = await t.deps.db.auditLog.findMany({
      where: { actorId: user?.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['auth.sign_up', 'auth.identity_linked', 'auth.sso_sign_in']),
    );

    // The same identity again signs the same account in (no second account).
    const again = await untilCallback(t, email);
    const res2 = await deliverCallback(t, again.callback, again.cookies);
    expect(redirectOf(res2).searchParams.get('error')).toBeNull();
    expect((await sessionsOf(t, email)).sessions).toHaveLength(2);
    expect(await t.deps.db.user.count({ where: { email } })).toBe(1);
  });

  describe('callback failures never open a session', () => {
    async function expectRefused(
      t: TestApp,
      res: Awaited<ReturnType<typeof deliverCallback>>,
      email: string,
      code: string,
      // Without a readable flow the locale is unknown: the web picks it (NEXT_LOCALE, Accept-Language).
      path = '/en/sign-in',
    ) {
      expect(res.statusCode).toBe(400);
      const target = redirectOf(res);
      expect(target.pathname).toBe(path);
      expect(target.searchParams.get('error')).toBe(code);
      expect(cookiesOf(res).gw_at).toBeUndefined();
      expect(cookiesOf(res).gw_rt).toBeUndefined();
      const { user, sessions } = await sessionsOf(t, email);
      expect(user).toBeNull();
      expect(sessions).toHaveLength(0);
    }

    it('bad state', async () => {
      const t = await apps();
      const email = uniqueEmail('sso-state');
      const { callback, cookies } = await untilCallback(t, email);
      callback.searchParams.set('state', 'forged-state-value');
      await expectRefused(t, await deliverCallback(t, callback, cookies), email, 'sso_state_invalid');
    });

    it('missing flow cookie (no PKCE verifier, no state)', async () => {
      const t = await apps();
      const email = uniqueEmail('sso-nocookie');
      const { callback } = await untilCallback(t, email);
      await expectRefused(t, await deliverCallback(t, callback, {}), email, 'sso_state_invalid', '/sign-in');
    });

    it('tampered flow cookie', async () => {
      const t = await apps();
      const email = uniqueEmail('sso-tamper');
      const { callback, cookies } = await untilCallback(t, email);
      const name = flowCookie(t);
      const value = cookies[name] as string;
      const flipped = `${value.slice(0, 30)}${value[30] === 'A' ? 'B' : 'A'}${value.slice(31)}`;
      await expectRefused(
        t,
        await deliverCallback(t, callback, { [name]: flipped }),
        email,
        'sso_state_invalid',
        '/sign-in',
      );
    });

    /** Re-seals the browser's flow with one field changed, as only someone holding the key could. */
    function resealed(t: TestApp, cookies: Record<string, string>, change: Record<string, string>) {
      const sealer = createFlowSealer(t.deps.env.AUTH_JWT_SECRET);
      const name = flowCookie(t);
      const flow = sealer.open(cookies[name], Date.now());
      if (!flow) throw new Error('flow cookie did not open');
      return { [name]: sealer.seal({ ...flow, ...change }) };
    }

    it('bad nonce (ID token minted for another request)', async () => {
      const t = await apps();
      const email = uniqueEmail('sso-nonce');
      const { callback, cookies } = await untilCallback(t, email);
      const forged = resealed(t, cookies, { nonce: 'not-the-nonce-that-was-sent' });
      await expectRefused(t, await deliverCallback(t, callback, forged), email, 'sso_failed');
    });

    it('wrong PKCE verifier (the provider refuses the code)', async () => {
      const t = await apps();
      const email = uniqueEmail('sso-pkce');
      const { callback, cookies } = await untilCallback(t, email);
      const forged = resealed(t, cookies, { codeVerifier: 'x'.repeat(43) });
      await expectRefused(t, await deliverCallback(t, callback, forged), email, 'sso_failed');
    });

    it('issuer mismatch in the authorization response', async () => {
      const t = await apps();
      const email = uniqueEmail('sso-iss');
      const { callback, cookies } = await untilCallback(t, email);
      expect(callback.searchParams.get('iss')).toBe(process.env.OIDC_ISSUER_URL);
      callback.searchParams.set('iss', 'http://127.0.0.1:9/evil');
      await expectRefused(t, await deliverCallback(t, callback, cookies), email, 'sso_failed');
    });

    it('access denied at the provider', async () => {
      const t = await apps();
      const email = uniqueEmail('sso-denied');
      const { callback, cookies } = await untilCallback(t, email);
      const denied = new URL(callback);
      denied.search = '';
      denied.searchParams.set('error', 'access_denied');
      denied.searchParams.set('state', callback.searchParams.get('state') as string);
      denied.searchParams.set('iss', callback.searchParams.get('iss') as string);
      await expectRefused(t, await deliverCallback(t, denied, cookies), email, 'sso_access_denied');
    });
  });

  it('a replayed code opens no second session', async () => {
    const t = await apps();
    const email = uniqueEmail('sso-replay');
    const { callback, cookies } = await untilCallback(t, email);
    const first = await deliverCallback(t, callback, cookies);
    expect(redirectOf(first).searchParams.get('error')).toBeNull();
    const replay = await deliverCallback(t, callback, cookies);
    expect(redirectOf(replay).searchParams.get('error')).toBe('sso_failed');
    expect(cookiesOf(replay).gw_at).toBeUndefined();
    expect((await sessionsOf(t, email)).sessions).toHaveLength(1);
  });

  it('never links a new identity to a pre-registered address', async () => {
    const t = await apps();
    const existing = await createUser(t, { prefix: 'sso-prereg' });
    const { callback, cookies } = await untilCallback(t, existing.email);
    const res = await deliverCallback(t, callback, cookies);
    expect(redirectOf(res).searchParams.get('error')).toBe('sso_account_exists');
    const { sessions, identities } = await sessionsOf(t, existing.email);
    expect(sessions).toHaveLength(0);
    expect(identities).toHaveLength(0);
  });

  it('never creates or links an account from an unverified address', async () => {
    const t = await apps();
    const email = uniqueEmail('unverified');
    const { callback, cookies } = await untilCallback(t, email);
    const res = await deliverCallback(t, callback, cookies);
    expect(redirectOf(res).searchParams.get('error')).toBe('sso_email_unverified');
    expect(await t.deps.db.user.count({ where: { email } })).toBe(0);
    expect(await t.deps.db.identity.count({ where: { subject: email } })).toBe(0);
  });

  it('an account with 2FA still needs its code after SSO', async () => {
    const t = await apps();
    const email = uniqueEmail('sso-2fa');
    const first = await untilCallback(t, email);
    await deliverCallback(t, first.callback, first.cookies);
    const { user } = await sessionsOf(t, email);
    expect(user).not.toBeNull();
    await t.deps.db.twoFactor.create({
      data: { userId: user?.id as string, secretCiphertext: 'unused-in-this-test', enabledAt: new Date() },
    });
    const again = await untilCallback(t, email);
    const res = await deliverCallback(t, again.callback, again.cookies);
    const target = redirectOf(res);
    expect(target.pathname).toBe('/en/two-factor');
    expect(target.searchParams.get('challenge')).toBeTruthy();
    expect(target.searchParams.get('next')).toBe('/en/dashboard');
    expect(cookiesOf(res).gw_at).toBeUndefined();
    expect((await sessionsOf(t, email)).sessions).toHaveLength(1); // only the first sign-in's
    expect(await t.deps.db.twoFactorChallenge.count({ where: { userId: user?.id as string } })).toBe(1);
  });

  it('a provider that cannot be reached sends the browser back; password sign-in is unaffected', async () => {
    const t = await apps(devProviderEnv({ issuer: 'http://127.0.0.1:9' }));
    const res = await t.app.inject({ method: 'GET', url: '/v1/auth/sso/dev/start?next=/ar/dashboard' });
    expect(res.statusCode).toBe(302);
    expect(redirectOf(res).pathname).toBe('/ar/sign-in');
    expect(redirectOf(res).searchParams.get('error')).toBe('sso_provider_unavailable');
    const user = await createUser(t, { prefix: 'sso-down' });
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-in',
      headers: { 'sec-fetch-site': 'same-origin' },
      payload: { email: user.email, password: 'correct horse battery staple 42' },
    });
    expect(signIn.statusCode).toBe(200);
  });
});
