import { randomUUID } from 'node:crypto';
import { can, isOrgPermission, type Permission, Permissions } from '@repo/contracts';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.test-support';
import type { AppDeps } from '../types';
import access, { describeAccess, type RouteAccess, type RouteAccessEntry } from './access';

const P = (permission: Permission): RouteAccess => ({ permission });

/**
 * The reviewed access table: a new route, or a changed declaration, must be added here on purpose.
 * HEAD twins of GET routes are implied.
 */
const EXPECTED: Record<string, RouteAccess> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  'GET /openapi.json': 'public',
  'GET /reference': 'public',
  'GET /reference/': 'public',
  'GET /reference/js/scalar.js': 'public',
  'OPTIONS *': 'public',
  'GET /v1/meta': 'public',
  'POST /v1/waitlist': 'public',
  'POST /v1/auth/sign-up': 'public',
  'POST /v1/auth/verify-email': 'public',
  'POST /v1/auth/verify-email/resend': 'public',
  'POST /v1/auth/password/forgot': 'public',
  'POST /v1/auth/password/reset': 'public',
  'POST /v1/auth/unlock': 'public',
  'POST /v1/auth/sign-in': 'public',
  'POST /v1/auth/refresh': 'public',
  'POST /v1/auth/sign-out': 'public',
  'POST /v1/auth/two-factor': 'public',
  'GET /v1/auth/sso/providers': 'public',
  'GET /v1/auth/sso/:provider/start': 'public',
  'GET /v1/auth/sso/:provider/callback': 'public',
  'POST /v1/auth/reauthenticate': 'authenticated',
  'GET /v1/me': P('profile:read'),
  'PATCH /v1/me': P('profile:write'),
  'GET /v1/me/onboarding': P('profile:read'),
  'PATCH /v1/me/onboarding': P('profile:write'),
  'POST /v1/me/password': P('profile:write'),
  'POST /v1/me/email': P('profile:write'),
  'GET /v1/me/security-activity': P('profile:read'),
  'GET /v1/me/sessions': P('sessions:manage'),
  'DELETE /v1/me/sessions/:id': P('sessions:manage'),
  'POST /v1/me/sessions/revoke-others': P('sessions:manage'),
  'GET /v1/me/two-factor': P('security:manage'),
  'POST /v1/me/two-factor/enrol': P('security:manage'),
  'POST /v1/me/two-factor/confirm': P('security:manage'),
  'POST /v1/me/two-factor/backup-codes': P('security:manage'),
  'DELETE /v1/me/two-factor': P('security:manage'),
  'DELETE /v1/me/trusted-devices/:id': P('security:manage'),
  'POST /v1/me/trusted-devices/revoke-all': P('security:manage'),
  'GET /v1/me/identities': P('security:manage'),
  'POST /v1/me/identities/:provider/link/start': P('security:manage'),
  'DELETE /v1/me/identities/:id': P('security:manage'),
  // Organizations (A8)
  'GET /v1/orgs': P('profile:read'),
  'POST /v1/orgs': P('org:create'),
  'PUT /v1/me/active-organization': P('profile:write'),
  'GET /v1/orgs/:orgId': P('org:read'),
  'PATCH /v1/orgs/:orgId': P('org:update'),
  'DELETE /v1/orgs/:orgId': P('org:delete'),
  'POST /v1/orgs/:orgId/transfer-ownership': P('org:transfer'),
  'POST /v1/orgs/:orgId/leave': P('org:leave'),
  'GET /v1/orgs/:orgId/members': P('members:read'),
  'PATCH /v1/orgs/:orgId/members/:userId': P('members:manage'),
  'DELETE /v1/orgs/:orgId/members/:userId': P('members:manage'),
  'GET /v1/orgs/:orgId/invitations': P('members:invite'),
  'POST /v1/orgs/:orgId/invitations': P('members:invite'),
  'POST /v1/orgs/:orgId/invitations/:invitationId/resend': P('members:invite'),
  'DELETE /v1/orgs/:orgId/invitations/:invitationId': P('members:invite'),
  'POST /v1/invitations/preview': 'public',
  'POST /v1/invitations/decline': 'public',
  'POST /v1/invitations/sign-up': 'public',
  'POST /v1/invitations/accept': 'authenticated',
  // API keys (A9)
  'GET /v1/orgs/:orgId/api-keys': P('apikeys:manage'),
  'POST /v1/orgs/:orgId/api-keys': P('apikeys:manage'),
  'POST /v1/orgs/:orgId/api-keys/:keyId/rotate': P('apikeys:manage'),
  'DELETE /v1/orgs/:orgId/api-keys/:keyId': P('apikeys:manage'),
  'GET /v1/orgs/:orgId/api-keys/:keyId/usage': P('apikeys:manage'),
  // Webhooks (J2)
  'GET /v1/webhooks/catalog': 'public',
  'GET /v1/orgs/:orgId/webhooks': P('webhooks:read'),
  'POST /v1/orgs/:orgId/webhooks': P('webhooks:write'),
  'GET /v1/orgs/:orgId/webhooks/:endpointId': P('webhooks:read'),
  'PATCH /v1/orgs/:orgId/webhooks/:endpointId': P('webhooks:write'),
  'DELETE /v1/orgs/:orgId/webhooks/:endpointId': P('webhooks:write'),
  'GET /v1/orgs/:orgId/webhooks/:endpointId/secret': P('webhooks:write'),
  'POST /v1/orgs/:orgId/webhooks/:endpointId/secret/rotate': P('webhooks:write'),
  'POST /v1/orgs/:orgId/webhooks/:endpointId/test': P('webhooks:write'),
  'GET /v1/orgs/:orgId/webhooks/:endpointId/deliveries': P('webhooks:read'),
  'GET /v1/orgs/:orgId/webhooks/:endpointId/deliveries/:deliveryId': P('webhooks:read'),
  'POST /v1/orgs/:orgId/webhooks/:endpointId/deliveries/:deliveryId/redeliver': P('webhooks:write'),
  'POST /v1/orgs/:orgId/webhooks/:endpointId/recover': P('webhooks:write'),
  // Files (F1, docs/files.md)
  'POST /v1/orgs/:orgId/files/uploads': P('files:write'),
  'GET /v1/orgs/:orgId/files/uploads': P('files:write'),
  'POST /v1/orgs/:orgId/files/uploads/:fileId/parts': P('files:write'),
  'GET /v1/orgs/:orgId/files/uploads/:fileId/parts': P('files:write'),
  'POST /v1/orgs/:orgId/files/uploads/:fileId/complete': P('files:write'),
  'POST /v1/orgs/:orgId/files/uploads/:fileId/abort': P('files:write'),
  'GET /v1/orgs/:orgId/files': P('files:read'),
  'GET /v1/orgs/:orgId/files/usage': P('files:read'),
  'GET /v1/orgs/:orgId/files/:fileId': P('files:read'),
  'PATCH /v1/orgs/:orgId/files/:fileId': P('files:write'),
  'DELETE /v1/orgs/:orgId/files/:fileId': P('files:write'),
  'GET /v1/orgs/:orgId/files/:fileId/download': P('files:read'),
  'POST /v1/me/avatar/uploads': P('profile:write'),
  'POST /v1/me/avatar/uploads/:fileId/complete': P('profile:write'),
  'GET /v1/me/avatar/uploads/:fileId': P('profile:read'),
  'DELETE /v1/me/avatar': P('profile:write'),
  'DELETE /v1/orgs/:orgId/logo': P('org:update'),
  'GET /v1/avatars/:fileId': 'authenticated',
  // Admin dashboard (D1, D2, D4, D5)
  'GET /v1/admin/users': P('admin:access'),
  'GET /v1/admin/users/:userId': P('admin:access'),
  'PATCH /v1/admin/users/:userId': P('admin:access'),
  'DELETE /v1/admin/users/:userId': P('admin:access'),
  'POST /v1/admin/users/:userId/disable': P('admin:access'),
  'POST /v1/admin/users/:userId/enable': P('admin:access'),
  'POST /v1/admin/users/:userId/sign-out': P('admin:access'),
  'POST /v1/admin/users/:userId/reset-two-factor': P('admin:access'),
  'POST /v1/admin/users/:userId/resend-verification': P('admin:access'),
  'POST /v1/admin/users/:userId/restore': P('admin:access'),
  'POST /v1/admin/users/:userId/impersonation': P('admin:access'),
  'POST /v1/auth/impersonation/end': 'public',
  'GET /v1/admin/overview': P('admin:access'),
  'GET /v1/admin/organizations': P('admin:access'),
  'GET /v1/admin/organizations/:organizationId': P('admin:access'),
  'GET /v1/admin/audit-logs': P('admin:access'),
  'GET /v1/admin/audit-logs/export': P('admin:access'),
  'GET /v1/admin/audit-logs/:id': P('admin:access'),
  'GET /v1/admin/queues': P('admin:access'),
  'GET /v1/admin/queues/:queue/jobs': P('admin:access'),
  'GET /v1/admin/queues/:queue/schedulers': P('admin:access'),
  'POST /v1/admin/queues/:queue/jobs/:jobId/retry': P('admin:access'),
  'DELETE /v1/admin/queues/:queue/jobs/:jobId': P('admin:access'),
  // Feature flags (D3)
  'GET /v1/me/flags': P('profile:read'),
  'GET /v1/admin/flags': P('admin:access'),
  'POST /v1/admin/flags': P('admin:access'),
  'GET /v1/admin/flags/:key': P('admin:access'),
  'PUT /v1/admin/flags/:key': P('admin:access'),
  'DELETE /v1/admin/flags/:key': P('admin:access'),
  'GET /v1/admin/flags/:key/evaluation': P('admin:access'),
};

const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const concrete = (url: string) => url.replace(/:provider/g, 'github').replace(/:id/g, randomUUID());

describe('declared route access (ADR 0015)', () => {
  let t: TestApp;
  let real: RouteAccessEntry[];

  beforeAll(async () => {
    t = await buildTestApp(
      // Every route the API can serve, including the opt-in /metrics.
      { METRICS_TOKEN: 'metrics-token-for-tests-0123456789' },
      {
        routes: (app) => {
          app.get('/admin-only', { config: { access: P('admin:access') } }, async () => ({ ok: true }));
          app.get('/signed-in', { config: { access: 'authenticated' } }, async () => ({ ok: true }));
        },
      },
    );
    real = t.app.routeAccess.filter((r) => !r.url.startsWith('/test/') && r.method !== 'HEAD');
  });
  afterAll(() => t.close());

  const token = (role: string) =>
    t.app.accessTokens.sign({
      sub: randomUUID(),
      sid: randomUUID(),
      role,
      amr: ['pwd'],
      auth_time: Math.floor(Date.now() / 1000),
    });

  it('records every route the router holds, each with a valid declaration', () => {
    // Independent walk: the router's own listing, one method per route.
    const listing = t.app.printRoutes({ commonPrefix: false });
    const methodsInRouter = [...listing.matchAll(/\(([A-Z, ]+)\)/g)].flatMap((m) => m[1]?.split(', ') ?? []);
    expect(t.app.routeAccess).toHaveLength(methodsInRouter.length);
    for (const r of t.app.routeAccess) {
      // find-my-way cannot look up its own catch-all by URL; the count above still covers it.
      if (r.url !== '*') expect(t.app.hasRoute({ method: r.method as 'GET', url: r.url }), key(r)).toBe(true);
      if (typeof r.access === 'object') expect(Permissions).toContain(r.access.permission);
    }
  });

  it('matches the reviewed access table exactly', () => {
    const actual = Object.fromEntries(real.map((r) => [key(r), describeAccess(r.access)]));
    const expected = Object.fromEntries(Object.entries(EXPECTED).map(([k, a]) => [k, describeAccess(a)]));
    expect(actual).toEqual(expected);
  });

  it('answers 401 to anonymous callers on every non-public /v1 route', async () => {
    const guarded = t.app.routeAccess.filter((r) => r.url.startsWith('/v1/') && r.access !== 'public');
    expect(guarded.length).toBeGreaterThan(15);
    for (const r of guarded) {
      const res = await t.app.inject({ method: r.method as 'GET', url: concrete(r.url) });
      expect(res.statusCode, key(r)).toBe(401);
      // HEAD answers carry no body.
      if (r.method !== 'HEAD') expect(res.json().code, key(r)).toBe('unauthorized');
    }
  });

  it('answers 403 forbidden to a signed-in user on every global route needing a permission users lack', async () => {
    // Organization permissions depend on the membership, not the global role: the authorization
    // matrix (modules/orgs/authorization-matrix.int.test.ts) covers them.
    const adminOnly = t.app.routeAccess.filter(
      (r) =>
        typeof r.access === 'object' &&
        !isOrgPermission(r.access.permission) &&
        !can('user', r.access.permission) &&
        r.method !== 'HEAD',
    );
    expect(adminOnly.map(key)).toContain('GET /test/admin-only');
    const auth = `Bearer ${token('user')}`;
    for (const r of adminOnly) {
      const res = await t.app.inject({
        method: r.method as 'GET',
        url: concrete(r.url),
        headers: { authorization: auth },
      });
      expect(res.statusCode, key(r)).toBe(403);
      expect(res.json().code, key(r)).toBe('forbidden');
    }
    const admin = await t.app.inject({
      url: '/test/admin-only',
      headers: { authorization: `Bearer ${token('admin')}` },
    });
    expect(admin.statusCode).toBe(200);
  });

  it('fails closed for a token whose role is unknown: every permission route answers 403', async () => {
    const auth = `Bearer ${token('superuser')}`;
    const withPermission = t.app.routeAccess.filter(
      (r) => typeof r.access === 'object' && r.method !== 'HEAD',
    );
    for (const r of withPermission) {
      const res = await t.app.inject({
        method: r.method as 'GET',
        url: concrete(r.url),
        headers: { authorization: auth },
      });
      expect(res.statusCode, key(r)).toBe(403);
    }
    // "authenticated" only asks for a valid session, whatever the role.
    const signedIn = await t.app.inject({ url: '/test/signed-in', headers: { authorization: auth } });
    expect(signedIn.statusCode).toBe(200);
  });

  it('refuses to start with a route that declares no access', async () => {
    const app = Fastify();
    await app.register(access, { deps: {} as AppDeps });
    expect(() => app.get('/forgotten', async () => 'x')).toThrow(/GET \/forgotten declares no valid access/);
    expect(() => app.get('/typo', { config: { access: 'pubic' as 'public' } }, async () => 'x')).toThrow(
      /declares no valid access/,
    );
    await app.close();
  });
});
