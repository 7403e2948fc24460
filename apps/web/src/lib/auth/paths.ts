/** Page paths (without the locale prefix) that need a signed-in user; the (app) route group. */
const PROTECTED_PREFIXES = ['/dashboard', '/settings', '/org'];

export function isProtectedPath(pathWithoutLocale: string): boolean {
  return PROTECTED_PREFIXES.some((p) => pathWithoutLocale === p || pathWithoutLocale.startsWith(`${p}/`));
}

/**
 * Pages of the signed-in area, the (app) route group: the protected prefixes and the admin
 * console (whose layout checks the role). Only there is the visitor known to be signed in.
 */
export function isSignedInPath(pathWithoutLocale: string): boolean {
  return (
    isProtectedPath(pathWithoutLocale) ||
    pathWithoutLocale === '/admin' ||
    pathWithoutLocale.startsWith('/admin/')
  );
}

/** Pages for visitors without a session: a signed-in user is sent on to the app instead. */
const GUEST_ONLY = ['/sign-in', '/sign-up'];

export function isGuestOnlyPath(pathWithoutLocale: string): boolean {
  return GUEST_ONLY.includes(pathWithoutLocale);
}

/**
 * Readable (not httpOnly) cookie the proxy keeps in step with the session cookies on every page
 * request: "1" while the browser holds a session. Static pages (the marketing home) read it to
 * offer "Dashboard" instead of "Get started". A hint for the UI only; it grants nothing.
 */
export const SIGNED_IN_HINT_COOKIE = 'gw_signed_in';

/** Enrolment page the 2FA policy (two_factor_enrollment_required) sends users to. */
export const TWO_FACTOR_SETUP = '/settings/two-factor';

/** Where a signed-in user lands by default. */
export const APP_HOME = '/dashboard';

/** Request header the proxy sets so server layouts know the URL they render (for `?next=`). */
export const PATHNAME_HEADER = 'x-gw-pathname';

export function signInPath(locale: string, next?: string): string {
  return next ? `/${locale}/sign-in?next=${encodeURIComponent(next)}` : `/${locale}/sign-in`;
}
