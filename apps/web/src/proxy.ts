import { type NextRequest, NextResponse } from 'next/server';
import createMiddleware from 'next-intl/middleware';
import { routing } from './i18n/routing';

const intl = createMiddleware(routing);

/**
 * Gives every page path a locale prefix (NEXT_LOCALE cookie, then Accept-Language, then `en`).
 * `/api/*` is not touched here: app/api/[[...path]]/route.ts forwards it to the API.
 */
export default function proxy(request: NextRequest) {
  // A plain URL: NextURL re-appends the original trailing slash when serialized.
  const url = new URL(request.url);
  const { pathname } = url;
  // Next's own trailing-slash redirect is off (next.config.ts) because it would also rewrite
  // /api/* URLs the API relies on (/reference/); pages keep one canonical URL here instead.
  if (pathname.length > 1 && pathname.endsWith('/')) {
    url.pathname = pathname.replace(/\/+$/, '') || '/';
    return NextResponse.redirect(url, 308);
  }
  return intl(request);
}

export const config = {
  // Everything except the API gateway, Next internals and files with an extension.
  matcher: ['/((?!api(?:/|$)|_next/|_vercel/|.*\\..*).*)'],
};
