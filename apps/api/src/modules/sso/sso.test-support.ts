import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from '../../app.test-support';
import { flowCookieName } from './flow-cookie';

/** Test-only helpers driving a real provider by HTTP, like a browser (imported by *.int.test.ts). */

/** OIDC_PROVIDERS for the devstack's oidc-provider, as the runner sets it for `pnpm dev`. */
export function devProviderEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const issuer = process.env.OIDC_ISSUER_URL;
  if (!issuer) throw new Error('OIDC_ISSUER_URL missing: the devstack did not start its OpenID provider');
  return {
    OIDC_PROVIDERS: JSON.stringify([
      {
        id: 'dev',
        label: 'Dev SSO',
        issuer,
        clientId: process.env.OIDC_CLIENT_ID,
        clientSecret: process.env.OIDC_CLIENT_SECRET,
        ...overrides,
      },
    ]),
  };
}

/** A cookie jar for one origin: enough for oidc-provider's interaction cookies. */
class Jar {
  private readonly cookies = new Map<string, string>();
  store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const i = pair.indexOf('=');
      const value = pair.slice(i + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(pair.slice(0, i));
      else this.cookies.set(pair.slice(0, i), value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Signs in at the provider's development login form (any login, any password) and returns the
 * URL it redirects the browser back to (the callback with code, state and iss), or its error.
 */
export async function providerLogin(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Jar();
  let url = new URL(authorizationUrl);
  const origin = url.origin;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 12; hop++) {
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: jar.header(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body: body.toString() } : {}),
    });
    jar.store(res);
    body = undefined;
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== origin) return next; // back to the app
      url = next;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (res.status !== 200 || !action || !prompt)
      throw new Error(`unexpected provider page ${res.status}: ${html.slice(0, 300)}`);
    url = new URL(action.replaceAll('&amp;', '&'), url);
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'anything' } : { prompt });
  }
  throw new Error('too many provider redirects');
}

export const flowCookie = (t: TestApp) => flowCookieName(t.deps.env.COOKIE_SECURE);

export function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(res.cookies.filter((c) => c.value !== '').map((c) => [c.name, c.value]));
}

/** GET /start: returns the provider URL and the flow cookie the browser now holds. */
export async function startFlow(t: TestApp, provider = 'dev', next = '/en/dashboard') {
  const res = await t.app.inject({
    method: 'GET',
    url: `/v1/auth/sso/${provider}/start?next=${encodeURIComponent(next)}`,
  });
  expect(res.statusCode).toBe(302);
  const flow = cookiesOf(res)[flowCookie(t)];
  return { location: String(res.headers.location), flow, res };
}

/** Delivers the provider's redirect to the app (the web's /api prefix stripped, as the proxy does). */
export function deliverCallback(t: TestApp, callback: URL, cookies: Record<string, string>) {
  const path = callback.pathname.replace(/^\/api/, '');
  return t.app.inject({ method: 'GET', url: `${path}${callback.search}`, cookies });
}

/** Where the app sent the browser, with its query (`error`, `challenge`, …). */
/** Where the answer sends the browser: a redirect's Location, or a refused callback's Refresh. */
export const redirectOf = (res: LightMyRequestResponse) =>
  new URL(String(res.headers.location ?? String(res.headers.refresh ?? '').replace(/^0;url=/, '')));
