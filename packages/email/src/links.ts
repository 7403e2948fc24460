import type { Locale } from '@repo/contracts';

/**
 * A link into the web app: `${appUrl}/${locale}${path}`, with `token` as a query parameter.
 * appUrl is the worker's APP_URL (may carry a path prefix); never a request's Host header.
 */
export function appLink(appUrl: string, locale: Locale, path: string, token?: string): string {
  const url = new URL(`${appUrl.replace(/\/+$/, '')}/${locale}${path}`);
  if (token !== undefined) url.searchParams.set('token', token);
  return url.toString();
}

/** Web app paths the identity mails point to (pages in apps/web/src/app/[locale]). */
export const appPaths = {
  home: '',
  signIn: '/sign-in',
  forgotPassword: '/forgot-password',
  verifyEmail: '/verify-email',
  resetPassword: '/reset-password',
  unlock: '/unlock',
  security: '/settings/security',
  /** Invitation landing page: preview, then accept, decline, or sign up. */
  invitation: '/invitation',
  /** The organization's webhook endpoints (settings). */
  webhooks: '/org/settings/webhooks',
} as const;
