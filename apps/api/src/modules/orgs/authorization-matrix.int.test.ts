import { randomUUID } from 'node:crypto';
import {
  allowedWhileImpersonating,
  apiKeyCan,
  can,
  canInOrg,
  isOrgPermission,
  type OrgRole,
} from '@repo/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { hashToken } from '../../lib/crypto-tokens';
import type { RouteAccessEntry } from '../../plugins/access';
import { randomIp } from '../auth/auth.test-support';
import { createOrgUser, createOrgWorld, type OrgWorld } from './orgs.test-support';

/**
 * The authorization matrix (docs/testing.md#error-contract-and-bad-input): EVERY /v1 route in the
 * app's route table × every kind of caller, with the expected answer derived from the route's
 * declared access and the permission table in @repo/contracts — not from a hand-written list, so a
 * new route is covered the day it is added, and a route without a declaration cannot even start
 * (access.ts).
 */

type Principal =
  | 'anonymous'
  | 'member'
  | 'admin'
  | 'owner'
  | 'otherOrgOwner'
  | 'readKey'
  | 'writeKey'
  | 'globalAdmin'
  /** A global admin impersonating organization A's owner (D1, ADR 0019). */
  | 'impersonatingAdmin';
const PRINCIPALS: Principal[] = [
  'anonymous',
  'member',
  'admin',
  'owner',
  'otherOrgOwner',
  'readKey',
  'writeKey',
  'globalAdmin',
  'impersonatingAdmin',
];
const ROLE: Partial<Record<Principal, OrgRole>> = { member: 'member', admin: 'admin', owner: 'owner' };

type Expected = 'allowed' | 401 | 403 | 404;

/** What the permission table says `who` gets on a route declaring `access` (org A's URL). */
function expectedFor(
  route: RouteAccessEntry,
  who: Principal,
  scopes: Record<'readKey' | 'writeKey', string[]>,
) {
  const { access } = route;
  if (access === 'public') return 'allowed';
  if (who === 'anonymous') return 401;
  if (who === 'impersonatingAdmin') return expectedWhileImpersonating(route);
  const isKey = who === 'readKey' || who === 'writeKey';
  if (access === 'authenticated') return isKey ? 403 : 'allowed';
  const { permission } = access;
  if (!isOrgPermission(permission)) {
    if (isKey) return 403;
    return can(who === 'globalAdmin' ? 'admin' : 'user', permission) ? 'allowed' : 403;
  }
  // A global admin is not a member of every organization: the admin dashboard is their way in.
  if (who === 'otherOrgOwner' || who === 'globalAdmin') return 404;
  if (isKey) return apiKeyCan(scopes[who], permission) ? 'allowed' : 403;
  return canInOrg(ROLE[who], permission) ? 'allowed' : 403;
}

/** The impersonated owner's rights, minus what impersonation may not touch. */
function expectedWhileImpersonating({ access, impersonation }: RouteAccessEntry): Expected {
  if (impersonation === 'deny') return 403;
  if (typeof access !== 'object') return 'allowed';
  const { permission } = access;
  if (!allowedWhileImpersonating(permission)) return 403;
  const held = isOrgPermission(permission) ? canInOrg('owner', permission) : can('user', permission);
  return held ? 'allowed' : 403;
}

function authFor(world: World, who: Principal): Record<string, string> {
  const header = {
    globalAdmin: world.globalAdmin.auth,
    impersonatingAdmin: world.impersonating,
    anonymous: undefined,
    member: world.member.auth,
    admin: world.admin.auth,
    owner: world.owner.auth,
    otherOrgOwner: world.otherOwner.auth,
    readKey: world.readKey.auth,
    writeKey: world.writeKey.auth,
  }[who];
  return header ? { authorization: header } : {};
}

/** A pending invitation of `orgId`, so `:invitationId` routes hit a real row. */
async function invite(t: TestApp, orgId: string) {
  return t.deps.db.invitation.create({
    data: {
      organizationId: orgId,
      email: `${randomUUID()}@example.test`,
      role: 'member',
      tokenHash: hashToken(randomUUID()),
      expiresAt: new Date(Date.now() + 86_400_000),
      lastSentAt: new Date(),
    },
  });
}

/**
 * The organization world plus a global admin who is a member of none of its organizations, and
 * that admin's impersonation of organization A's owner, opened through the real route.
 */
async function createWorld(t: TestApp) {
  const [world, globalAdmin] = await Promise.all([
    createOrgWorld(t),
    createOrgUser(t, { prefix: 'global-admin', globalRole: 'admin' }),
  ]);
  const started = await t.app.inject({
    method: 'POST',
    url: `/v1/admin/users/${world.owner.id}/impersonation`,
    remoteAddress: randomIp(),
    headers: { authorization: globalAdmin.auth },
    payload: { reason: 'authorization matrix' },
  });
  expect(started.statusCode, started.body).toBe(201);
  const impersonating = `Bearer ${started.json().tokens.accessToken}`;
  return { ...world, globalAdmin, impersonating };
}
type World = Awaited<ReturnType<typeof createWorld>>;

/** A ready library file of `orgId`, uploaded by its lowest-ranked member (no object behind it). */
async function libraryFile(t: TestApp, world: OrgWorld) {
  const id = randomUUID();
  return t.deps.db.file.create({
    data: {
      id,
      organizationId: world.org.id,
      ownerUserId: world.member.id,
      purpose: 'org_file',
      status: 'ready',
      key: `o/${world.org.id}/${id}`,
      name: 'report.pdf',
      declaredType: 'application/pdf',
      declaredSize: 1234n,
      size: 1234n,
      readyAt: new Date(),
    },
  });
}

/** Real ids of `orgId`'s rows in every path parameter; the lowest-ranked member as the target. */
async function concreteUrl(t: TestApp, url: string, world: OrgWorld, orgId = world.org.id) {
  const invitation = url.includes(':invitationId') ? await invite(t, world.org.id) : null;
  const file = url.includes(':fileId') ? await libraryFile(t, world) : null;
  return url
    .replace(':fileId', file?.id ?? '')
    .replace(':orgId', orgId)
    .replace(':userId', world.member.id)
    .replace(':invitationId', invitation?.id ?? '')
    .replace(':keyId', world.readKey.row.id)
    .replace(':organizationId', world.org.id)
    .replace(':key', 'no-such-flag')
    .replace(':queue', 'email')
    .replace(':jobId', randomUUID())
    .replace(':provider', 'github')
    .replace(':id', randomUUID());
}

/** A body that passes validation, so the answer is the lookup's (404), not the schema's. */
function validBody(route: RouteAccessEntry): object {
  if (route.url.endsWith(':userId')) return { role: 'admin' };
  if (route.url.endsWith('/parts')) return { partNumbers: [1] };
  if (route.method === 'PATCH' && route.url.endsWith(':fileId')) return { name: 'renamed.pdf' };
  return {};
}

const isMutation = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

describe('authorization matrix: every /v1 route × every caller', () => {
  let t: TestApp;
  let routes: RouteAccessEntry[];
  let shared: World;
  let asOwner: World;

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_MAX: '100000', API_KEY_RATE_LIMIT_MAX: '100000' });
    routes = t.app.routeAccess.filter((r) => r.url.startsWith('/v1/') && r.method !== 'HEAD');
    [shared, asOwner] = await Promise.all([createWorld(t), createWorld(t)]);
  });
  afterAll(() => t.close());

  it('covers the organization routes (the table is not accidentally empty)', () => {
    const orgRoutes = routes.filter(
      (r) => typeof r.access === 'object' && isOrgPermission(r.access.permission),
    );
    expect(orgRoutes.length).toBeGreaterThanOrEqual(15);
  });

  it('answers each caller exactly what the permission table says', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const orgScoped = typeof route.access === 'object' && isOrgPermission(route.access.permission);
      // The callers of one route run side by side (each mutating caller has its own world).
      await Promise.all(
        PRINCIPALS.map(async (who) => {
          // A caller that may change things gets a world of its own, so one request's effect (a
          // removed member, a rotated key, a disabled user) cannot change what the next one sees.
          const mayChange =
            isMutation(route.method) && (orgScoped || who === 'globalAdmin' || who === 'impersonatingAdmin');
          // The impersonation reads from a world of its own: the owner's "sign out other
          // sessions" in the shared one rightly ends it.
          const world = mayChange ? await createWorld(t) : who === 'impersonatingAdmin' ? asOwner : shared;
          const scopes = { readKey: world.readKey.row.scopes, writeKey: world.writeKey.row.scopes };
          const expected: Expected = expectedFor(route, who, scopes);
          const res = await t.app.inject({
            method: route.method as 'GET',
            url: await concreteUrl(t, route.url, world),
            remoteAddress: randomIp(),
            headers: { ...authFor(world, who), 'sec-fetch-site': 'same-origin' },
            ...(isMutation(route.method) ? { payload: {} } : {}),
          });
          checked++;
          const code = String(res.headers['content-type'] ?? '').includes('json')
            ? res.json().code
            : undefined;
          const label = `${route.method} ${route.url} as ${who}: expected ${expected}, got ${res.statusCode} ${code ?? ''}`;
          if (route.access === 'public') {
            // Public routes answer on their own terms (a refresh without a cookie is 401 by
            // design); the guard adds nothing, so only a crash would be wrong.
            if (res.statusCode >= 500) mismatches.push(label);
          } else if (expected === 'allowed') {
            // Allowed = the guard let it through: validation (400), business rules (409), or the
            // result itself may follow, but never a refusal of the caller. Org routes use real ids,
            // so a 404 there would be a tenant-scoping bug too.
            const refused =
              res.statusCode === 401 ||
              (res.statusCode === 403 &&
                (code === 'forbidden' || code === 'unauthorized' || code === 'impersonation_restricted')) ||
              (orgScoped && res.statusCode === 404);
            if (refused) mismatches.push(label);
          } else if (res.statusCode !== expected) {
            mismatches.push(label);
          } else if (who === 'impersonatingAdmin' && code !== 'impersonation_restricted') {
            // Refused for being an impersonation, not for some other reason that happens to match.
            mismatches.push(label);
          }
        }),
      );
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(routes.length * PRINCIPALS.length);
    // Hundreds of requests and fresh worlds: a generous guard against a hang, not a speed target.
  }, 120_000);

  it('never reads or writes across organizations: org B ids with org A rows answer 404 and change nothing', async () => {
    const world = await createOrgWorld(t);
    const orgRoutes = routes.filter(
      (r) =>
        typeof r.access === 'object' &&
        isOrgPermission(r.access.permission) &&
        /:(userId|invitationId|keyId|fileId)/.test(r.url),
    );
    expect(orgRoutes.length).toBeGreaterThanOrEqual(6);
    const invitation = await invite(t, world.org.id);
    const file = await libraryFile(t, world);
    const failures: string[] = [];
    for (const route of orgRoutes) {
      // Org B's owner (full rights in B) names org A's member, invitation and key under org B.
      const url = route.url
        .replace(':orgId', world.otherOrg.id)
        .replace(':userId', world.member.id)
        .replace(':invitationId', invitation.id)
        .replace(':keyId', world.writeKey.row.id)
        .replace(':fileId', file.id);
      const res = await t.app.inject({
        method: route.method as 'GET',
        url,
        remoteAddress: randomIp(),
        headers: { authorization: world.otherOwner.auth },
        ...(isMutation(route.method) ? { payload: validBody(route) } : {}),
      });
      if (res.statusCode !== 404) failures.push(`${route.method} ${url}: ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
    // Org A's rows are exactly as they were.
    const member = await t.deps.db.membership.findUnique({
      where: { organizationId_userId: { organizationId: world.org.id, userId: world.member.id } },
    });
    expect(member?.role).toBe('member');
    const inv = await t.deps.db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(inv.revokedAt).toBeNull();
    const key = await t.deps.db.apiKey.findUniqueOrThrow({ where: { id: world.writeKey.row.id } });
    expect(key.revokedAt).toBeNull();
    expect(key.replacedById).toBeNull();
    const after = await t.deps.db.file.findUniqueOrThrow({ where: { id: file.id } });
    expect({ status: after.status, name: after.name }).toEqual({ status: 'ready', name: 'report.pdf' });
  });

  it("refuses an organization's API key on another organization's URL with 404", async () => {
    const world = await createOrgWorld(t);
    const res = await t.app.inject({
      url: `/v1/orgs/${world.otherOrg.id}`,
      remoteAddress: randomIp(),
      headers: { authorization: world.writeKey.auth },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });
});
