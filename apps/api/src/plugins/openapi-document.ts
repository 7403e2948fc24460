import { apiKeyScopeFor, authCookieName, isOrgPermission } from '@repo/contracts';
import type { RouteAccess } from './access';

/**
 * How the OpenAPI document is derived from the routes (ADR 0027). Everything here is computed
 * from what the routes already declare (`config.access`, their Zod schemas, their URLs), in one
 * place, so the document cannot drift from the behaviour route by route.
 */

/** Security scheme names in `components.securitySchemes`. */
export const SECURITY_SCHEMES = {
  cookie: 'sessionCookie',
  bearer: 'accessToken',
  apiKey: 'organizationApiKey',
} as const;

export function securitySchemes(cookieSecure: boolean) {
  return {
    [SECURITY_SCHEMES.cookie]: {
      type: 'apiKey' as const,
      in: 'cookie' as const,
      name: authCookieName('access', cookieSecure),
      description:
        'The browser session: the httpOnly access cookie set by sign-in. Unsafe methods also need ' +
        'the CSRF protection described in docs/architecture.md.',
    },
    [SECURITY_SCHEMES.bearer]: {
      type: 'http' as const,
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'The access token of a session, as `Authorization: Bearer <jwt>`.',
    },
    [SECURITY_SCHEMES.apiKey]: {
      type: 'http' as const,
      scheme: 'bearer',
      description:
        'An organization API key, as `Authorization: Bearer gw_…`. Only organization routes accept ' +
        'it, and only when the key has the scope listed in the requirement.',
    },
  };
}

export type SecurityRequirement = Record<string, string[]>;

/**
 * The credentials an operation accepts, from its access declaration (plugins/access.ts): none for
 * public routes; the session (cookie or bearer token) for signed-in and global-permission routes;
 * for organization routes also an API key holding the scope the permission maps to, if any.
 */
export function securityFor(access: RouteAccess): SecurityRequirement[] {
  if (access === 'public') return [];
  const session: SecurityRequirement[] = [
    { [SECURITY_SCHEMES.cookie]: [] },
    { [SECURITY_SCHEMES.bearer]: [] },
  ];
  if (access === 'authenticated' || !isOrgPermission(access.permission)) return session;
  const scope = apiKeyScopeFor[access.permission];
  return scope ? [...session, { [SECURITY_SCHEMES.apiKey]: [scope] }] : session;
}
