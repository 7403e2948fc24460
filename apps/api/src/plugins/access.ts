import { recordAudit } from '@repo/audit';
import {
  API_KEY_ACTING_ROLE,
  allowedWhileImpersonating,
  apiKeyCan,
  can,
  canInOrg,
  isGlobalRole,
  isOrgPermission,
  type OrgPermission,
  type OrgRole,
  type Permission,
} from '@repo/contracts';
import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyRequest,
  onRequestHookHandler,
  RouteOptions,
} from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';
import { requestMeta } from '../lib/request-meta';
import type { AppDeps } from '../types';

/** What a route requires (ADR 0015). Every route declares one in `config.access`. */
export type RouteAccess = 'public' | 'authenticated' | { permission: Permission };

export interface RouteAccessEntry {
  method: string;
  url: string;
  access: RouteAccess;
  /** 'deny': refused to an impersonating admin whatever the permission (config.impersonation). */
  impersonation?: 'deny';
}

/**
 * The organization a `/v1/orgs/:orgId/…` request acts in, set by the access guard once the caller
 * is known to belong there. Services take it instead of re-reading the membership.
 */
export interface OrgContext {
  id: string;
  /** The caller's membership role; null when the caller is an API key. */
  role: OrgRole | null;
  /** The role rank rules compare against (role checks, "not above one's own"). */
  actingRole: OrgRole;
  /** Exactly one of the two is set. */
  userId: string | null;
  apiKeyId: string | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** 'deny': refused to an admin impersonating the caller, whatever the permission (D1). */
    impersonation?: 'deny';
  }
  interface FastifyRequest {
    /** Set by the guard of routes that declare an organization permission. */
    org: OrgContext | null;
  }
  interface FastifyInstance {
    /** Every route with its declared access, in registration order (tests walk it). */
    routeAccess: readonly RouteAccessEntry[];
  }
}

/**
 * Routes added by third-party plugins we cannot pass `config` to: @fastify/cors's preflight
 * catch-all (`OPTIONS *`) and the Scalar reference UI with its bundle. Exact route URLs only, so
 * any new third-party route still fails startup until it is listed here.
 */
export const THIRD_PARTY_ROUTES: Readonly<Record<string, RouteAccess>> = {
  '*': 'public',
  '/reference': 'public',
  '/reference/': 'public',
  '/reference/js/scalar.js': 'public',
};

const kDefaultAccess = Symbol('groundwork.defaultAccess');

/**
 * Test-only escape hatch: routes registered inside `scope` without a declaration get `access`.
 * app.test-support uses it for its /test scope; production code must declare every route.
 */
export function setDefaultAccess(scope: FastifyInstance, access: RouteAccess): void {
  (scope as unknown as Record<symbol, RouteAccess>)[kDefaultAccess] = access;
}

export function describeAccess(access: RouteAccess): string {
  return typeof access === 'string' ? access : `permission:${access.permission}`;
}

function isRouteAccess(value: unknown): value is RouteAccess {
  if (value === 'public' || value === 'authenticated') return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { permission?: unknown }).permission === 'string'
  );
}

/**
 * 401 with the reason the auth plugin recorded (no token, expired, invalid, enrolment pending).
 * A valid API key is not a signed-in user: routes outside organizations refuse it with 403.
 * An admin impersonating the user gets 403 impersonation_restricted on what impersonation may
 * not touch (contracts IMPERSONATION_DENIED_PERMISSIONS, or the route's own `impersonation`).
 */
function assertSignedIn(
  request: FastifyRequest,
  permission?: Permission,
): NonNullable<FastifyRequest['auth']> {
  if (request.apiKey) throw new AppError('forbidden', 'API keys cannot use this route.');
  const auth = request.auth;
  if (!auth) throw new AppError(request.authError ?? 'unauthorized');
  if (
    auth.impersonatorId &&
    (request.routeOptions.config.impersonation === 'deny' ||
      (permission !== undefined && !allowedWhileImpersonating(permission)))
  ) {
    throw new AppError('impersonation_restricted', 'Not available while impersonating a user.');
  }
  return auth;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Organization permissions are checked against the caller's membership in `:orgId` (or the API
 * key's organization). Not a member, or a malformed id → 404 as if the organization did not
 * exist (docs/organizations.md: other organizations' resources answer 404); a member without the
 * permission → 403, recorded in the audit log as a denied attempt.
 */
function orgGuard(deps: AppDeps, permission: OrgPermission): onRequestHookHandler {
  return async (request) => {
    const orgId = (request.params as { orgId?: unknown }).orgId;
    if (request.apiKey) {
      const key = request.apiKey;
      if (typeof orgId !== 'string' || orgId.toLowerCase() !== key.organizationId)
        throw new AppError('not_found');
      if (!apiKeyCan(key.scopes, permission)) {
        await recordAudit(deps.db, {
          actorId: null,
          action: 'org.access_denied',
          organizationId: key.organizationId,
          targetType: 'route',
          targetId: `${request.method} ${request.routeOptions.url}`,
          meta: requestMeta(request),
          after: { permission, apiKeyId: key.id, scopes: key.scopes },
        });
        throw new AppError('forbidden', `This API key lacks the scope for ${permission}.`);
      }
      request.org = {
        id: key.organizationId,
        role: null,
        actingRole: API_KEY_ACTING_ROLE,
        userId: null,
        apiKeyId: key.id,
      };
      return;
    }
    const auth = assertSignedIn(request, permission);
    // A token whose global role is unknown is malformed: fail closed before anything else.
    if (!isGlobalRole(auth.role)) throw new AppError('forbidden');
    if (typeof orgId !== 'string' || !UUID.test(orgId)) throw new AppError('not_found');
    const membership = await deps.db.membership.findUnique({
      where: { organizationId_userId: { organizationId: orgId.toLowerCase(), userId: auth.userId } },
      select: { role: true, organizationId: true },
    });
    if (!membership) throw new AppError('not_found');
    if (!canInOrg(membership.role, permission)) {
      await recordAudit(deps.db, {
        actorId: auth.userId,
        action: 'org.access_denied',
        organizationId: membership.organizationId,
        targetType: 'route',
        targetId: `${request.method} ${request.routeOptions.url}`,
        meta: requestMeta(request),
        after: { permission, role: membership.role },
      });
      throw new AppError('forbidden');
    }
    request.org = {
      id: membership.organizationId,
      role: membership.role,
      actingRole: membership.role,
      userId: auth.userId,
      apiKeyId: null,
    };
  };
}

/**
 * The organization context the guard set, for handlers of organization routes. Fails closed
 * should a route ever reach its handler without the guard (it cannot: access.ts adds it).
 */
export function orgOf(request: FastifyRequest): OrgContext {
  if (!request.org) throw new AppError('not_found');
  return request.org;
}

function guardFor(deps: AppDeps, access: RouteAccess): onRequestHookHandler | null {
  if (access === 'public') return null;
  if (access === 'authenticated') {
    return async (request) => {
      assertSignedIn(request);
    };
  }
  const { permission } = access;
  if (isOrgPermission(permission)) return orgGuard(deps, permission);
  return async (request) => {
    const auth = assertSignedIn(request, permission);
    if (!can(auth.role, permission)) throw new AppError('forbidden');
  };
}

/**
 * Declarative route access (A7, ADR 0015). At startup, `onRoute` refuses any route without a
 * valid `config.access`, so a forgotten declaration fails every test at once. At request time the
 * declaration becomes a route-level onRequest guard: it runs after the global auth hook and BEFORE
 * body parsing and validation, so an anonymous caller gets 401 (not 400) and learns nothing about
 * the body a route expects. Must be registered before any route (first in app.ts).
 */
const access: FastifyPluginAsync<{ deps: AppDeps }> = async (app, { deps }) => {
  const table: RouteAccessEntry[] = [];
  app.decorate('routeAccess', table);
  app.decorateRequest('org', null);
  app.addHook('onRoute', function (this: FastifyInstance, route: RouteOptions) {
    const declared: unknown =
      route.config?.access ??
      THIRD_PARTY_ROUTES[route.url] ??
      (this as unknown as Record<symbol, RouteAccess | undefined>)[kDefaultAccess];
    if (!isRouteAccess(declared)) {
      throw new Error(
        `Route ${route.method} ${route.url} declares no valid access: add config.access ` +
          `('public' | 'authenticated' | { permission }) — see ADR 0015.`,
      );
    }
    if (
      typeof declared === 'object' &&
      isOrgPermission(declared.permission) &&
      !route.url.includes('/:orgId')
    ) {
      throw new Error(
        `Route ${route.method} ${route.url} declares the organization permission ` +
          `${declared.permission} but has no :orgId parameter to check it against.`,
      );
    }
    route.config = { ...route.config, access: declared };
    const impersonation = route.config?.impersonation;
    for (const method of [route.method].flat()) {
      table.push({ method, url: route.url, access: declared, ...(impersonation ? { impersonation } : {}) });
    }
    const guard = guardFor(deps, declared);
    if (!guard) return;
    const existing = route.onRequest ? [route.onRequest].flat() : [];
    route.onRequest = [guard, ...existing];
  });
};

export default fp(access, { name: 'access' });
