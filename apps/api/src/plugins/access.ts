import { can, type Permission } from '@repo/contracts';
import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyRequest,
  onRequestHookHandler,
  RouteOptions,
} from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';

/** What a route requires (ADR 0015). Every route declares one in `config.access`. */
export type RouteAccess = 'public' | 'authenticated' | { permission: Permission };

export interface RouteAccessEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
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
 * test-helpers uses it for its /test scope; production code must declare every route.
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

/** 401 with the reason the auth plugin recorded (no token, expired, invalid, enrolment pending). */
function assertSignedIn(request: FastifyRequest): NonNullable<FastifyRequest['auth']> {
  if (!request.auth) throw new AppError(request.authError ?? 'unauthorized');
  return request.auth;
}

function guardFor(access: RouteAccess): onRequestHookHandler | null {
  if (access === 'public') return null;
  if (access === 'authenticated') {
    return async (request) => {
      assertSignedIn(request);
    };
  }
  const { permission } = access;
  return async (request) => {
    const auth = assertSignedIn(request);
    if (!can(auth.role, permission)) throw new AppError('forbidden');
  };
}

/**
 * Declarative route access (PRODUCT.md A7). At startup, `onRoute` refuses any route without a
 * valid `config.access`, so a forgotten declaration fails every test at once. At request time the
 * declaration becomes a route-level onRequest guard: it runs after the global auth hook and BEFORE
 * body parsing and validation, so an anonymous caller gets 401 (not 400) and learns nothing about
 * the body a route expects. Must be registered before any route (first in app.ts).
 */
const access: FastifyPluginAsync = async (app) => {
  const table: RouteAccessEntry[] = [];
  app.decorate('routeAccess', table);
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
    route.config = { ...route.config, access: declared };
    for (const method of [route.method].flat()) table.push({ method, url: route.url, access: declared });
    const guard = guardFor(declared);
    if (!guard) return;
    const existing = route.onRequest ? [route.onRequest].flat() : [];
    route.onRequest = [guard, ...existing];
  });
};

export default fp(access, { name: 'access' });
