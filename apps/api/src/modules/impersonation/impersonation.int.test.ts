import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import {
  bearer,
  cookieJar,
  names,
  SAME_ORIGIN,
  signInWithBody,
  signInWithCookies,
} from '../auth/auth.test-support';
import { bearerFor, createOrgUser, type WorldUser } from '../orgs/orgs.test-support';

let t: TestApp;
let admin: WorldUser;
beforeAll(async () => {
  // Many requests from one test address: the limiter is not what this file tests.
  t = await buildTestApp({ IMPERSONATION_TTL_SECONDS: '120', RATE_LIMIT_MAX: '5000' });
  admin = await createOrgUser(t, { globalRole: 'admin', prefix: 'imp-admin', name: 'Imp Admin' });
});
afterAll(async () => t?.close());

const STASH = 'gw_imp'; // COOKIE_SECURE is off in tests: no __Host- prefix

const start = (
  userId: string,
  auth: string,
  payload: object = { reason: 'Ticket #42', tokenDelivery: 'body' },
) =>
  t.app.inject({
    method: 'POST',
    url: `/v1/admin/users/${userId}/impersonation`,
    headers: { authorization: auth },
    payload,
  });

/** Starts an impersonation with bearer delivery and returns the user's token pair. */
async function impersonate(userId: string, auth = admin.auth) {
  const res = await start(userId, auth);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().tokens as { accessToken: string; refreshToken: string };
}

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, token: string, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;

/** Audit rows are written after the response is sent: wait for them. */
async function auditRows(where: Record<string, unknown>, atLeast: number) {
  const deadline = Date.now() + 3000;
  for (;;) {
    const rows = await t.deps.db.auditLog.findMany({ where, orderBy: { createdAt: 'asc' } });
    if (rows.length >= atLeast || Date.now() > deadline) return rows;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('starting an impersonation', () => {
  it('opens a time-limited session as the user, naming the admin, audited', async () => {
    const user = await createOrgUser(t, { prefix: 'imp-target', name: 'Target User' });
    const res = await start(user.id, admin.auth);
    expect(res.statusCode, res.body).toBe(201);
    const { impersonation, tokens } = res.json();
    expect(impersonation).toMatchObject({
      user: { id: user.id, email: user.email },
      impersonator: { id: admin.id, email: admin.email },
      reason: 'Ticket #42',
    });
    const limit = Date.parse(impersonation.expiresAt) - Date.parse(impersonation.startedAt);
    expect(limit).toBe(120_000);

    const claims = claimsOf(tokens.accessToken);
    expect(claims).toMatchObject({ sub: user.id, act: { sub: admin.id }, auth_time: 0 });
    // The access token dies with the impersonation, not ACCESS_TOKEN_TTL later.
    expect(claims.exp).toBe(Math.floor(Date.parse(impersonation.expiresAt) / 1000));

    const me = await call('GET', '/v1/me', tokens.accessToken);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      id: user.id,
      impersonation: { impersonator: { id: admin.id }, user: { id: user.id } },
    });
    const session = await t.deps.db.session.findUniqueOrThrow({ where: { id: impersonation.sessionId } });
    expect(session).toMatchObject({
      userId: user.id,
      impersonatorId: admin.id,
      impersonationReason: 'Ticket #42',
    });
    const [started] = await auditRows({ action: 'admin.impersonation_started', targetId: user.id }, 1);
    expect(started).toMatchObject({ actorId: admin.id, impersonatorId: admin.id, targetType: 'user' });
    // The admin's address and browser are in that row, not in the user's sessions list.
    expect(session).toMatchObject({ ip: null, userAgent: null, device: null });
  });

  it('refuses oneself, other admins, disabled and deleted accounts (409), unknown ids (404)', async () => {
    const other = await createOrgUser(t, { globalRole: 'admin', prefix: 'imp-other-admin' });
    const disabled = await createOrgUser(t, { prefix: 'imp-disabled' });
    await t.deps.db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const deleted = await createOrgUser(t, { prefix: 'imp-deleted' });
    await t.deps.db.user.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    for (const id of [admin.id, other.id, disabled.id, deleted.id]) {
      const res = await start(id, admin.auth);
      expect(res.statusCode, id).toBe(409);
      expect(res.json().code).toBe('impersonation_not_allowed');
    }
    expect((await start(randomUUID(), admin.auth)).statusCode).toBe(404);
    expect(await t.deps.db.session.count({ where: { impersonatorId: admin.id, userId: other.id } })).toBe(0);
  });

  it('needs sudo, a reason, and the admin role', async () => {
    const user = await createOrgUser(t, { prefix: 'imp-guard' });
    const stale = await createOrgUser(t, { globalRole: 'admin', prefix: 'imp-stale' });
    const old = bearerFor(t, stale.id, 'admin', 3600);
    expect((await start(user.id, old)).json().code).toBe('reauth_required');
    const noReason = await start(user.id, admin.auth, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('validation_failed');
    const plain = await createOrgUser(t, { prefix: 'imp-plain' });
    expect((await start(user.id, plain.auth)).statusCode).toBe(403);
  });
});

describe('while impersonating', () => {
  it("cannot reach the user's credentials, security settings, API keys or the admin area", async () => {
    const user = await createOrgUser(t, { prefix: 'imp-limits' });
    const { organizationId } = await t.deps.db.membership.create({
      data: {
        role: 'owner',
        user: { connect: { id: user.id } },
        organization: { create: { name: 'Imp Org', slug: `imp-${randomUUID().slice(0, 8)}` } },
      },
    });
    const { accessToken } = await impersonate(user.id);
    const denied: [method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: object][] = [
      ['POST', '/v1/me/password', { currentPassword: 'x'.repeat(12), newPassword: 'y'.repeat(16) }],
      ['POST', '/v1/me/email', { email: 'new@example.com', password: 'x'.repeat(12) }],
      ['GET', '/v1/me/two-factor'],
      ['POST', '/v1/me/two-factor/enrol'],
      ['GET', '/v1/me/identities'],
      ['GET', '/v1/me/sessions'],
      ['POST', '/v1/auth/reauthenticate', { password: 'x'.repeat(12) }],
      ['GET', '/v1/admin/users'],
      ['GET', `/v1/orgs/${organizationId}/api-keys`],
      ['DELETE', `/v1/orgs/${organizationId}`],
      // An owner's membership powers would let the admin invite themselves as an owner.
      ['POST', `/v1/orgs/${organizationId}/invitations`, { email: 'admin@example.com', role: 'owner' }],
      ['PATCH', `/v1/orgs/${organizationId}/members/${user.id}`, { role: 'admin' }],
    ];
    for (const [method, url, body] of denied) {
      const res = await call(method, url, accessToken, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().code, `${method} ${url}`).toBe('impersonation_restricted');
    }
    // What the user sees and does day to day still works.
    expect((await call('GET', `/v1/orgs/${organizationId}`, accessToken)).statusCode).toBe(200);
    expect((await call('PATCH', '/v1/me', accessToken, { name: 'Renamed By Support' })).statusCode).toBe(200);
  });

  it('records everything done: each request, and the changes themselves name the admin', async () => {
    const user = await createOrgUser(t, { prefix: 'imp-trail' });
    const { accessToken } = await impersonate(user.id);
    await call('GET', '/v1/me', accessToken);
    await call('PATCH', '/v1/me', accessToken, { name: 'Changed While Impersonated' });
    await call('GET', '/v1/me/sessions', accessToken);

    const trail = await auditRows({ action: 'impersonation.request', actorId: user.id }, 3);
    expect(trail.map((r) => [r.targetId, (r.diff as { after: { status: number } }).after.status])).toEqual([
      ['GET /v1/me', 200],
      ['PATCH /v1/me', 200],
      ['GET /v1/me/sessions', 403],
    ]);
    expect(trail.every((r) => r.impersonatorId === admin.id)).toBe(true);
    const [change] = await auditRows({ action: 'profile.updated', actorId: user.id }, 1);
    expect(change?.impersonatorId).toBe(admin.id);
  });

  it('the user signing in themselves is not affected, and their own audit rows name no admin', async () => {
    const user = await createOrgUser(t, { prefix: 'imp-self' });
    await impersonate(user.id);
    const { tokens } = await signInWithBody(t, user.email);
    await call('PATCH', '/v1/me', tokens.accessToken, { name: 'Myself' });
    const [own] = await auditRows({ action: 'profile.updated', actorId: user.id }, 1);
    expect(own?.impersonatorId).toBeNull();
    // They see the support access among their sessions (without the admin's address) and may end it.
    const sessions = (await call('GET', '/v1/me/sessions', tokens.accessToken)).json().sessions;
    expect(sessions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ impersonation: true, ip: null, device: null, current: false }),
        expect.objectContaining({ impersonation: false, current: true }),
      ]),
    );
    expect(await auditRows({ action: 'impersonation.request', actorId: user.id }, 0)).toHaveLength(0);
  });
});

describe('the time limit and the end', () => {
  it('refresh works within the limit (tokens stay capped) and fails after it', async () => {
    const user = await createOrgUser(t, { prefix: 'imp-refresh' });
    const { refreshToken } = await impersonate(user.id);
    const refresh = (token: string) =>
      t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: token } });
    const ok = await refresh(refreshToken);
    expect(ok.statusCode, ok.body).toBe(200);
    const next = ok.json().tokens;
    const claims = claimsOf(next.accessToken);
    expect(claims.act).toEqual({ sub: admin.id });
    const session = await t.deps.db.session.findFirstOrThrow({
      where: { userId: user.id, impersonatorId: admin.id },
    });
    expect(claims.exp).toBe(Math.floor(session.expiresAt.getTime() / 1000));

    await t.deps.db.session.update({
      where: { id: session.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const late = await refresh(next.refreshToken);
    expect(late.statusCode).toBe(401);
  });

  it("ends when the admin loses the role, and the admin's sign-out everywhere ends it too", async () => {
    const user = await createOrgUser(t, { prefix: 'imp-demoted' });
    const temp = await createOrgUser(t, { globalRole: 'admin', prefix: 'imp-temp-admin' });
    const { refreshToken } = await impersonate(user.id, temp.auth);
    await t.deps.db.user.update({ where: { id: temp.id }, data: { role: 'user' } });
    const res = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken } });
    expect(res.statusCode).toBe(401);

    const second = await createOrgUser(t, { globalRole: 'admin', prefix: 'imp-signed-out-admin' });
    const { accessToken } = await impersonate(user.id, second.auth);
    const signOut = await t.app.inject({
      method: 'POST',
      url: `/v1/admin/users/${second.id}/sign-out`,
      headers: { authorization: admin.auth },
    });
    expect(signOut.statusCode, signOut.body).toBe(200);
    const deadline = Date.now() + 2000;
    let status = 200;
    while (status !== 401 && Date.now() < deadline) {
      status = (await call('GET', '/v1/me', accessToken)).statusCode;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe(401);
    // However it ends, the end is on record, by the admin.
    const ended = await auditRows({ action: 'admin.impersonation_ended', actorId: second.id }, 1);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ targetId: user.id, impersonatorId: second.id });
    expect(ended[0]?.diff).toMatchObject({ after: { reason: 'admin_signed_out', expired: false } });
  });

  it('refuses a start by an admin demoted a moment ago, whose token still says admin', async () => {
    const user = await createOrgUser(t, { prefix: 'imp-race' });
    const demoted = await createOrgUser(t, { globalRole: 'admin', prefix: 'imp-demoted-admin' });
    await t.deps.db.user.update({ where: { id: demoted.id }, data: { role: 'user' } });
    const res = await start(user.id, demoted.auth);
    expect(res.statusCode).toBe(401);
    expect(await t.deps.db.session.count({ where: { impersonatorId: demoted.id } })).toBe(0);
  });

  it("browser flow: cookies swap to the user, the admin's token waits aside, ending restores the admin", async () => {
    const user = await createOrgUser(t, { prefix: 'imp-browser' });
    const fresh = await createOrgUser(t, { globalRole: 'admin', prefix: 'imp-browser-admin' });
    const signedIn = await signInWithCookies(t, fresh.email);
    const adminJar = signedIn.jar;
    const n = names(t);
    const started = await t.app.inject({
      method: 'POST',
      url: `/v1/admin/users/${user.id}/impersonation`,
      headers: { ...SAME_ORIGIN },
      cookies: adminJar,
      payload: { reason: 'Reproduce a bug' },
    });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json().tokens).toBeUndefined();
    const jar = { ...adminJar, ...cookieJar(started) };
    expect(jar[STASH]).toBe(adminJar[n.refresh]);
    expect(jar[n.refresh]).not.toBe(adminJar[n.refresh]);
    const asUser = await t.app.inject({ method: 'GET', url: '/v1/me', cookies: jar });
    expect(asUser.json()).toMatchObject({ id: user.id, impersonation: { impersonator: { id: fresh.id } } });

    const ended = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/impersonation/end',
      headers: { ...SAME_ORIGIN },
      cookies: jar,
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toEqual({ restored: true, userId: user.id });
    const after = cookieJar(ended);
    expect(after[STASH]).toBe('');
    const back = await t.app.inject({
      method: 'GET',
      url: '/v1/me',
      cookies: { [n.access]: after[n.access] as string },
    });
    expect(back.json()).toMatchObject({ id: fresh.id, impersonation: null });
    expect(
      await t.deps.db.session.count({
        where: { userId: user.id, impersonatorId: fresh.id, revokedAt: null },
      }),
    ).toBe(0);
    const endRows = await auditRows({ action: 'admin.impersonation_ended', targetId: user.id }, 1);
    expect(endRows).toHaveLength(1);
    expect(endRows[0]?.actorId).toBe(fresh.id);

    // A second end with the same cookies (another tab at the time limit) must not wipe the admin
    // cookies the first one set: nothing is ended twice, no cookie is touched.
    const again = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/impersonation/end',
      headers: { ...SAME_ORIGIN },
      cookies: jar,
    });
    expect(again.json(), again.body).toEqual({ restored: true, userId: null });
    expect(again.cookies).toHaveLength(0);
    expect(await auditRows({ action: 'admin.impersonation_ended', targetId: user.id }, 2)).toHaveLength(1);
  });

  it('ends after the limit too (tokens dead), and signing out while impersonating signs the admin out', async () => {
    const user = await createOrgUser(t, { prefix: 'imp-late' });
    const fresh = await createOrgUser(t, { globalRole: 'admin', prefix: 'imp-late-admin' });
    const open = async () => {
      const { jar } = await signInWithCookies(t, fresh.email);
      const res = await t.app.inject({
        method: 'POST',
        url: `/v1/admin/users/${user.id}/impersonation`,
        headers: { ...SAME_ORIGIN },
        cookies: jar,
        payload: { reason: 'Late end' },
      });
      expect(res.statusCode, res.body).toBe(201);
      const cookies: Record<string, string> = { ...jar, ...cookieJar(res) };
      return { cookies, sessionId: res.json().impersonation.sessionId as string };
    };

    // Past the limit the browser has dropped the user's cookies; only the kept-aside one remains.
    const late = await open();
    await t.deps.db.session.update({
      where: { id: late.sessionId },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    const ended = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/impersonation/end',
      // The kept-aside cookie is a credential: a cross-site request carrying it is refused.
      headers: { ...SAME_ORIGIN },
      cookies: { [STASH]: late.cookies[STASH] as string },
    });
    expect(ended.json()).toEqual({ restored: true, userId: user.id });
    const crossSite = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/impersonation/end',
      headers: { 'sec-fetch-site': 'cross-site' },
      cookies: { [STASH]: late.cookies[STASH] as string },
    });
    expect(crossSite.json().code).toBe('csrf_rejected');
    const [row] = await auditRows({ action: 'admin.impersonation_ended', targetId: user.id }, 1);
    expect(row?.diff).toMatchObject({ after: { expired: true } });

    const out = await open();
    const adminSession = await t.deps.db.session.findFirstOrThrow({
      where: { userId: fresh.id, revokedAt: null },
      orderBy: { createdAt: 'desc' },
    });
    const signOut = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-out',
      headers: { ...SAME_ORIGIN },
      cookies: out.cookies,
    });
    expect(signOut.statusCode).toBe(204);
    expect(cookieJar(signOut)[STASH]).toBe('');
    const revoked = await t.deps.db.session.findMany({
      where: { id: { in: [out.sessionId, adminSession.id] } },
    });
    expect(revoked.every((s) => s.revokedAt !== null)).toBe(true);
    expect(await auditRows({ action: 'admin.impersonation_ended', targetId: user.id }, 2)).toHaveLength(2);
  });
});
