import { uniqueEmail } from '@repo/testing';
import { describe, expect, it } from 'vitest';
import { useTestApps } from '../../app.test-support';
import { createUser, SAME_ORIGIN, signInWithCookies } from '../auth/auth.test-support';
import {
  cookiesOf,
  deliverCallback,
  devProviderEnv,
  flowCookie,
  providerLogin,
  redirectOf,
} from './sso.test-support';

/** Connected accounts: link from settings (sudo) through the real provider, unlink with the guard. */
const apps = useTestApps(() => devProviderEnv());

describe('connected accounts', () => {
  it('links a provider to the signed-in account, then unlinks it while a password remains', async () => {
    const t = await apps();
    const user = await createUser(t, { prefix: 'sso-link' });
    const { jar } = await signInWithCookies(t, user.email);
    const start = await t.app.inject({
      method: 'POST',
      url: '/v1/me/identities/dev/link/start',
      headers: SAME_ORIGIN,
      cookies: jar,
      payload: { next: '/fr/settings/security' },
    });
    expect(start.statusCode).toBe(200);
    // The provider account's address differs from the user's: linking is explicit, not by email.
    const callback = await providerLogin(start.json().url, uniqueEmail('elsewhere'));
    const res = await deliverCallback(t, callback, {
      ...jar,
      [flowCookie(t)]: cookiesOf(start)[flowCookie(t)] as string,
    });
    const target = redirectOf(res);
    expect(target.pathname).toBe('/fr/settings/security');
    expect(target.searchParams.get('linked')).toBe('dev');

    const list = await t.app.inject({ method: 'GET', url: '/v1/me/identities', cookies: jar });
    expect(list.json()).toMatchObject({
      identities: [{ provider: 'dev', label: 'Dev SSO' }],
      nextCursor: null,
    });
    const id = list.json().identities[0].id as string;
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/v1/me/identities/${id}`,
      headers: SAME_ORIGIN,
      cookies: jar,
    });
    expect(del.statusCode).toBe(204);
    expect(await t.deps.db.identity.count({ where: { userId: user.id } })).toBe(0);
    const actions = (await t.deps.db.auditLog.findMany({ where: { actorId: user.id } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.identity_linked', 'auth.identity_unlinked']));
  });

  it('a link callback without the session that started it links nothing', async () => {
    const t = await apps();
    const user = await createUser(t, { prefix: 'sso-link-planted' });
    const { jar } = await signInWithCookies(t, user.email);
    const start = await t.app.inject({
      method: 'POST',
      url: '/v1/me/identities/dev/link/start',
      headers: SAME_ORIGIN,
      cookies: jar,
    });
    const callback = await providerLogin(start.json().url, uniqueEmail('planted'));
    const res = await deliverCallback(t, callback, {
      [flowCookie(t)]: cookiesOf(start)[flowCookie(t)] as string,
    });
    expect(redirectOf(res).searchParams.get('error')).toBe('sso_state_invalid');
    expect(await t.deps.db.identity.count({ where: { userId: user.id } })).toBe(0);
  });

  it('refuses to unlink the last way in (409 last_sign_in_method)', async () => {
    const t = await apps();
    const email = uniqueEmail('sso-only');
    const startRes = await t.app.inject({ method: 'GET', url: '/v1/auth/sso/dev/start?next=/en/dashboard' });
    const callback = await providerLogin(String(startRes.headers.location), email);
    const signedIn = await deliverCallback(t, callback, cookiesOf(startRes));
    const jar = cookiesOf(signedIn);
    expect(jar.gw_at).toBeTruthy();
    const list = await t.app.inject({ method: 'GET', url: '/v1/me/identities', cookies: jar });
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/v1/me/identities/${list.json().identities[0].id}`,
      headers: SAME_ORIGIN,
      cookies: jar,
    });
    expect(del.statusCode).toBe(409);
    expect(del.json().code).toBe('last_sign_in_method');
    expect(await t.deps.db.identity.count({ where: { subject: email } })).toBe(1);
  });
});
