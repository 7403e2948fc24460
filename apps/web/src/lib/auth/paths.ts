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

/** Enrolment page the 2FA policy (two_factor_enrollment_required) sends users to. */
export const TWO_FACTOR_SETUP = '/settings/two-factor';

/** Where a signed-in user lands by default. */
export const APP_HOME = '/dashboard';

/** Request header the proxy sets so server layouts know the URL they render (for `?next=`). */
export const PATHNAME_HEADER = 'x-gw-pathname';

export function signInPath(locale: string, next?: string): string {
  return next ? `/${locale}/sign-in?next=${encodeURIComponent(next)}` : `/${locale}/sign-in`;
}
