import { parseSetCookie } from 'next/dist/compiled/@edge-runtime/cookies';
import type { NextRequest } from 'next/server';
import { setForwardedFor } from '../client-address/client-address';

export type RefreshedCookie = NonNullable<ReturnType<typeof parseSetCookie>>;
export type RefreshOutcome =
  | { kind: 'refreshed'; cookies: RefreshedCookie[] }
  /** The API refused the refresh token: the session is over. */
  | { kind: 'rejected'; cookies: RefreshedCookie[] }
  /** API down or erroring: keep the cookies, the page decides. */
  | { kind: 'unavailable' };

// A page load fans out (document, RSC prefetches) with the same refresh cookie; one refresh per
// token per process keeps them from racing the rotation (the API's reuse grace covers the rest).
const inFlight = new Map<string, Promise<RefreshOutcome>>();

/**
 * Calls POST /v1/auth/refresh server to server on behalf of the browser. The web server is the
 * first party here, so it states its own origin for the API's CSRF check rather than forwarding
 * the navigation's Sec-Fetch-Site (a link from another site would read `cross-site`).
 */
export function refreshViaApi(
  request: NextRequest,
  env: { API_URL: string; WEB_TRUST_PROXY: string },
  refreshToken: string,
): Promise<RefreshOutcome> {
  const pending = inFlight.get(refreshToken);
  if (pending) return pending;
  const promise = doRefresh(request, env.API_URL, env.WEB_TRUST_PROXY).finally(() => {
    // Keep the answer briefly for the rest of the fan-out, then forget the (now rotated) token.
    setTimeout(() => inFlight.delete(refreshToken), 5_000).unref?.();
  });
  inFlight.set(refreshToken, promise);
  return promise;
}

async function doRefresh(request: NextRequest, apiUrl: string, trustProxy: string): Promise<RefreshOutcome> {
  const headers = new Headers({
    accept: 'application/json',
    'content-type': 'application/json',
    origin: request.nextUrl.origin,
    'sec-fetch-site': 'same-origin',
    cookie: request.headers.get('cookie') ?? '',
    'x-forwarded-host': request.headers.get('host') ?? request.nextUrl.host,
    'x-forwarded-proto': request.nextUrl.protocol.replace(':', ''),
  });
  for (const name of ['user-agent', 'accept-language']) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  setForwardedFor(headers, request.headers, trustProxy);
  let res: Response;
  try {
    res = await fetch(`${apiUrl}/v1/auth/refresh`, {
      method: 'POST',
      headers,
      body: '{}',
      cache: 'no-store',
      signal: AbortSignal.timeout(5_000),
    });
  } catch {
    return { kind: 'unavailable' };
  }
  const cookies = res.headers
    .getSetCookie()
    .map((line) => parseSetCookie(line))
    .filter((c): c is RefreshedCookie => c !== undefined);
  if (res.ok) return { kind: 'refreshed', cookies };
  // Only 401 ends the session; a 403 (CSRF, misconfigured origin) or 429 must not sign anyone out.
  if (res.status === 401) return { kind: 'rejected', cookies };
  return { kind: 'unavailable' };
}
