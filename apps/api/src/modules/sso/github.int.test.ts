import { uniqueEmail } from '@repo/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, useTestApps } from '../../app.test-support';
import { createUser } from '../auth/auth.test-support';
import {
  type GithubStub,
  githubAuthorize,
  type StubEmail,
  startGithubStub,
} from './github-stub.test-support';
import { cookiesOf, deliverCallback, flowCookie, redirectOf, startFlow } from './sso.test-support';

/** GitHub sign-in (plain OAuth 2 + REST API) against a local server that speaks GitHub's protocol. */
let stub: GithubStub;
beforeAll(async () => {
  stub = await startGithubStub();
});
afterAll(async () => {
  await stub?.close();
});
const apps = useTestApps(() => stub.env());

function account(emails: StubEmail[], extra: { denies?: boolean; name?: string } = {}) {
  const login = `octo-${Math.random().toString(36).slice(2, 10)}`;
  return stub.addAccount({ login, name: 'Mona Octocat', emails, ...extra });
}

/** start → GitHub authorize as `login` → the callback and the flow cookie, not yet delivered. */
async function untilCallback(t: TestApp, login: string, next = '/en/dashboard') {
  const { location, flow } = await startFlow(t, 'github', next);
  const callback = await githubAuthorize(location, login);
  return { location: new URL(location), callback, cookies: { [flowCookie(t)]: flow as string } };
}

async function expectRefused(res: Awaited<ReturnType<typeof deliverCallback>>, code: string) {
  expect(res.statusCode).toBe(400);
  const target = redirectOf(res);
  expect(target.pathname).toBe('/en/sign-in');
  expect(target.searchParams.get('error')).toBe(code);
  expect(cookiesOf(res).gw_at).toBeUndefined();
  expect(cookiesOf(res).gw_rt).toBeUndefined();
}

describe('SSO with GitHub', () => {
  it('is listed as a GitHub provider', async () => {
    const t = await apps();
    const res = await t.app.inject({ method: 'GET', url: '/v1/auth/sso/providers' });
    expect(res.json()).toEqual([{ id: 'github', label: 'GitHub', kind: 'github' }]);
  });

  it("keeps a provider's name to the text rule of typed names (no line breaks or bidi controls)", async () => {
    const t = await apps();
    const email = uniqueEmail('gh-name');
    const gh = account([{ email, primary: true, verified: true }], { name: 'Mona\r\nBcc: x\u202Egnp' });
    const { callback, cookies } = await untilCallback(t, gh.login);
    expect((await deliverCallback(t, callback, cookies)).statusCode).toBe(302);
    const user = await t.deps.db.user.findUnique({ where: { email }, select: { name: true } });
    expect(user?.name).toBe('Mona Bcc: x gnp');
  });

  it('signs a new verified primary address up and in, keyed by the numeric user id', async () => {
    const t = await apps();
    const email = uniqueEmail('gh');
    const gh = account([
      { email: uniqueEmail('gh-other'), primary: false, verified: true },
      { email: email.toUpperCase(), primary: true, verified: true },
    ]);
    const { location, callback, cookies } = await untilCallback(t, gh.login, '/fr/dashboard');
    expect(`${location.origin}${location.pathname}`).toBe(`${stub.url}/login/oauth/authorize`);
    expect(location.searchParams.get('client_id')).toBe(stub.clientId);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('scope')?.split(' ')).toContain('user:email');
    expect(location.searchParams.get('nonce')).toBeNull();

    const res = await deliverCallback(t, callback, cookies);
    expect(res.statusCode).toBe(302);
    expect(String(res.headers.location)).toBe(`${t.deps.env.APP_URL.replace(/\/$/, '')}/fr/dashboard`);
    expect(cookiesOf(res).gw_at).toBeTruthy();
    expect(cookiesOf(res).gw_rt).toBeTruthy();
    // The app authenticated at the token endpoint and proved PKCE.
    const sent = stub.tokenRequests.at(-1);
    expect(sent?.client_secret).toBe(stub.clientSecret);
    expect(sent?.code_verifier).toBeTruthy();

    const user = await t.deps.db.user.findUnique({
      where: { email },
      include: { sessions: true, identities: true },
    });
    expect(user?.emailVerifiedAt).not.toBeNull();
    expect(user?.passwordHash).toBeNull();
    expect(user?.locale).toBe('fr');
    expect(user?.sessions).toHaveLength(1);
    expect(user?.sessions[0]?.amr).toEqual(['fed']);
    expect(user?.identities).toMatchObject([
      { provider: 'github', issuer: stub.url, subject: String(gh.id) },
    ]);

    // Signing in again with the same GitHub account reaches the same user.
    const again = await untilCallback(t, gh.login);
    const res2 = await deliverCallback(t, again.callback, again.cookies);
    expect(redirectOf(res2).searchParams.get('error')).toBeNull();
    expect(cookiesOf(res2).gw_at).toBeTruthy();
    expect(await t.deps.db.session.count({ where: { userId: user?.id as string } })).toBe(2);
    expect(await t.deps.db.user.count({ where: { email } })).toBe(1);
  });

  it('refuses an unverified primary address even when another address is verified', async () => {
    const t = await apps();
    const email = uniqueEmail('gh-unverified');
    const verifiedSecondary = uniqueEmail('gh-secondary');
    const gh = account([
      { email, primary: true, verified: false },
      { email: verifiedSecondary, primary: false, verified: true },
    ]);
    const { callback, cookies } = await untilCallback(t, gh.login);
    await expectRefused(await deliverCallback(t, callback, cookies), 'sso_email_unverified');
    expect(await t.deps.db.user.count({ where: { email: { in: [email, verifiedSecondary] } } })).toBe(0);
    expect(await t.deps.db.identity.count({ where: { subject: String(gh.id) } })).toBe(0);
  });

  it('never links to a pre-registered address', async () => {
    const t = await apps();
    const existing = await createUser(t, { prefix: 'gh-prereg' });
    const gh = account([{ email: existing.email, primary: true, verified: true }]);
    const { callback, cookies } = await untilCallback(t, gh.login);
    await expectRefused(await deliverCallback(t, callback, cookies), 'sso_account_exists');
    expect(await t.deps.db.identity.count({ where: { userId: existing.id } })).toBe(0);
    expect(await t.deps.db.session.count({ where: { userId: existing.id } })).toBe(0);
  });

  it('refuses a callback whose state is not the flow’s', async () => {
    const t = await apps();
    const email = uniqueEmail('gh-state');
    const gh = account([{ email, primary: true, verified: true }]);
    const { callback, cookies } = await untilCallback(t, gh.login);
    callback.searchParams.set('state', 'forged-state-value');
    await expectRefused(await deliverCallback(t, callback, cookies), 'sso_state_invalid');
    expect(await t.deps.db.user.count({ where: { email } })).toBe(0);
    // The code was never redeemed: the app stopped before the token endpoint.
    expect(stub.tokenRequests.some((r) => r.code === callback.searchParams.get('code'))).toBe(false);
  });

  it('maps GitHub’s access_denied to sso_access_denied', async () => {
    const t = await apps();
    const email = uniqueEmail('gh-denied');
    const gh = account([{ email, primary: true, verified: true }], { denies: true });
    const { callback, cookies } = await untilCallback(t, gh.login);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    await expectRefused(await deliverCallback(t, callback, cookies), 'sso_access_denied');
    expect(await t.deps.db.user.count({ where: { email } })).toBe(0);
  });

  it('a code GitHub refuses (its HTTP 200 error body) fails without a session', async () => {
    const t = await apps();
    const email = uniqueEmail('gh-replay');
    const gh = account([{ email, primary: true, verified: true }]);
    const first = await untilCallback(t, gh.login);
    await deliverCallback(t, first.callback, first.cookies);
    const replay = await deliverCallback(t, first.callback, first.cookies);
    await expectRefused(replay, 'sso_failed');
    expect(await t.deps.db.session.count({ where: { user: { email } } })).toBe(1);
  });
});
