import { z } from 'zod';
import { listPage, listQuery } from './list';

/**
 * Social and enterprise sign-in contract (A5, ADR 0013). The browser-facing flow is redirects:
 * GET /v1/auth/sso/:provider/start → the provider → GET /v1/auth/sso/:provider/callback → the web
 * app, with `?error=<SsoErrorCode>` on the sign-in (or settings) page when it fails.
 */
export const SSO_ERROR_CODES = [
  'sso_access_denied',
  'sso_state_invalid',
  'sso_provider_unavailable',
  'sso_account_exists',
  'sso_email_unverified',
  'sso_identity_in_use',
  'sso_failed',
] as const;
export const SsoErrorCode = z.enum(SSO_ERROR_CODES);
export type SsoErrorCode = z.infer<typeof SsoErrorCode>;

export const SsoProviderKind = z.enum(['oidc', 'github']);
export const SsoProviderView = z.object({ id: z.string(), label: z.string(), kind: SsoProviderKind });
export type SsoProviderView = z.infer<typeof SsoProviderView>;
export const SsoProvidersResponse = z.array(SsoProviderView);

export const SsoProviderParams = z.object({ provider: z.string().regex(/^[a-z0-9-]{1,32}$/) });
/** `next` is a same-origin path including the locale, e.g. `/fr/dashboard`. */
export const SsoStartQuery = z.object({ next: z.string().max(2048).optional() });

export const LinkStartBody = z.strictObject({ next: z.string().max(2048).optional() });
export const LinkStartResponse = z.object({ url: z.url() });

export const IdentityView = z.object({
  id: z.string(),
  provider: z.string(),
  label: z.string(),
  email: z.string().nullable(),
  emailVerified: z.boolean(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type IdentityView = z.infer<typeof IdentityView>;
/** GET /v1/me/identities: oldest link first by default. */
export const IdentityListQuery = listQuery({
  sorts: ['createdAt:asc', 'createdAt:desc'],
  defaultSort: 'createdAt:asc',
});
export type IdentityListQuery = z.infer<typeof IdentityListQuery>;
export const IdentitiesResponse = listPage('identities', IdentityView);
export const IdentityParams = z.object({ id: z.uuid() });
