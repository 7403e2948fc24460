import { RequestCookies } from 'next/dist/compiled/@edge-runtime/cookies';
import { NextRequest, NextResponse } from 'next/server';
import createMiddleware from 'next-intl/middleware';
import { serverEnv } from './env';
import { routing } from './i18n/routing';
import { readAuthCookie } from './lib/auth/cookie-names';
import { accessTokenStale } from './lib/auth/jwt-exp';
import {
  isGuestOnlyPath,
  isProtectedPath,
  PATHNAME_HEADER,
  SIGNED_IN_HINT_COOKIE,
  signInPath,
} from './lib/auth/paths';
import { type RefreshedCookie, refreshViaApi } from './lib/auth/proxy-refresh';

const intl = createMiddleware(routing);

function splitLocale(pathname: string): { locale: string | null; rest: string } {
  const [, first = '', ...rest] = pathname.split('/');
  if (!(routing.locales as readonly string[]).includes(first)) return { locale: null, rest: pathname };
  return { locale: first, rest: `/${rest.join('/')}` };
}

/** Pages are read with GET and HEAD; a POST is a server action only with its Next-Action header. */
function servesMethod(request: NextRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  return request.method === 'POST' && request.headers.has('next-action');
}

/**
 * 0. Methods pages do not serve: 405. 1. Canonical page URLs (no trailing slash). 2. Silent refresh: a page request without a live
 * access token but with a refresh cookie is refreshed server-side before rendering, and the new
 * cookies go both to the browser and to this render. 3. Protected pages without a session go to
 * sign-in with a local `next`. 4. Locale prefix (next-intl). 5. The signed-in hint cookie follows
 * the session cookies. `/api/*` is not touched here. Sign-in and sign-up are refreshed like
 * protected pages so they can send a signed-in user on to the app (their pages check /me).
 */
export default async function proxy(request: NextRequest) {
  if (!servesMethod(request)) {
    return new NextResponse(null, { status: 405, headers: { allow: 'GET, HEAD' } });
  }
  // A plain URL: NextURL re-appends the original trailing slash when serialized.
  const url = new URL(request.url);
  const { pathname } = url;
  // Next's own trailing-slash redirect is off (next.config.ts) because it would also rewrite
  // /api/* URLs the API relies on (/reference/); pages keep one canonical URL here instead.
  if (pathname.length > 1 && pathname.endsWith('/')) {
    url.pathname = pathname.replace(/\/+$/, '') || '/';
    return NextResponse.redirect(url, 308);
  }

  const { locale, rest } = splitLocale(pathname);
  const headers = new Headers(request.headers);
  headers.set(PATHNAME_HEADER, `${pathname}${url.search}`);
  const forwarded = new RequestCookies(headers);
  let outgoing: RefreshedCookie[] = [];
  let signedIn = !accessTokenStale(readAuthCookie(request.cookies, 'access'), Date.now());
  const refreshToken = readAuthCookie(request.cookies, 'refresh');

  // Only pages that need (or must not have) the session pay for a refresh; others render either way.
  const isProtected = locale !== null && isProtectedPath(rest);
  const guestOnly = locale !== null && isGuestOnlyPath(rest);
  if ((isProtected || guestOnly) && !signedIn && refreshToken) {
    const outcome = await refreshViaApi(request, serverEnv(), refreshToken);
    if (outcome.kind === 'refreshed') {
      outgoing = outcome.cookies;
      for (const c of outcome.cookies) forwarded.set(c.name, c.value);
      signedIn = true;
    } else if (outcome.kind === 'unavailable') {
      // API unreachable: let the page render and report it rather than signing the user out.
      signedIn = true;
    }
  }

  let response: NextResponse;
  // A rejected refresh keeps its cookies, as the API does: the loser of a race between two tabs
  // must not clear what the winner just set. Sign-in replaces them.
  if (locale && !signedIn && isProtected) {
    response = NextResponse.redirect(new URL(signInPath(locale, `${pathname}${url.search}`), request.url));
  } else {
    response = intl(new NextRequest(request, { headers }));
  }
  for (const cookie of outgoing) response.cookies.set(cookie);
  syncSignedInHint(request, response, signedIn || refreshToken !== undefined);
  return response;
}

/** Sets or clears the UI's signed-in hint when it disagrees with the session cookies. */
function syncSignedInHint(request: NextRequest, response: NextResponse, hasSession: boolean) {
  const hinted = request.cookies.get(SIGNED_IN_HINT_COOKIE)?.value === '1';
  if (hasSession && !hinted) {
    response.cookies.set(SIGNED_IN_HINT_COOKIE, '1', {
      path: '/',
      sameSite: 'lax',
      secure: request.nextUrl.protocol === 'https:',
    });
  } else if (!hasSession && hinted) {
    response.cookies.delete(SIGNED_IN_HINT_COOKIE);
  }
}

export const config = {
  // Everything except the API gateway, Next internals, files with an extension (favicon.ico,
  // icon.svg, robots.txt, sitemap.xml, manifest.webmanifest, app-icon/*.png) and the generated
  // Apple touch icon, whose URL has none.
  matcher: ['/((?!api(?:/|$)|_next/|_vercel/|apple-icon(?:$|/)|.*\\..*).*)'],
};
