import { authCookieName } from '@repo/contracts';

/**
 * Names of the API's auth cookies (from the contract): `__Host-`-prefixed when the API runs with
 * COOKIE_SECURE, plain over local http. The web app accepts either and never sets them itself
 * except to pass on what the API answered.
 */
export const AUTH_COOKIES = {
  access: [authCookieName('access', true), authCookieName('access', false)],
  refresh: [authCookieName('refresh', true), authCookieName('refresh', false)],
} as const;

type CookieReader = { get(name: string): { value: string } | undefined };

export function readAuthCookie(cookies: CookieReader, kind: keyof typeof AUTH_COOKIES): string | undefined {
  for (const name of AUTH_COOKIES[kind]) {
    const value = cookies.get(name)?.value;
    if (value) return value;
  }
  return undefined;
}
