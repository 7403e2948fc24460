import { authCookieName, type Invitation, type OrgRole } from '@repo/contracts';
import { uniqueEmail } from '@repo/testing';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { hashToken } from '../../lib/crypto-tokens';
import { ip, lastEvent, PASSWORD, post } from '../accounts/accounts.test-support';
import { addMember, createOrgUser, createOrgWorld, type OrgWorld } from '../orgs/orgs.test-support';
import { INVITATION_LINK_RATE_LIMIT } from './invitations.routes';

let t: TestApp;
let w: OrgWorld;
beforeAll(async () => {
  t = await buildTestApp();
  w = await createOrgWorld(t);
});
afterAll(() => t?.close());

function call(
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  auth?: string,
  payload?: object,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url,
    remoteAddress: ip(),
    headers: auth ? { authorization: auth } : {},
    ...(payload ? { payload } : {}),
  });
}

const expectProblem = (res: LightMyRequestResponse, status: number, code: string) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.json()).toMatchObject({ status, code });
};

const invitationsUrl = (orgId = w.org.id) => `/v1/orgs/${orgId}/invitations`;

/** Invites `email` into org A (by the owner unless told) and returns the invitation and its token. */
async function invite(email: string, opts: { role?: OrgRole; auth?: string; locale?: string } = {}) {
  const res = await call('POST', invitationsUrl(), opts.auth ?? w.owner.auth, {
    email,
    role: opts.role ?? 'member',
    ...(opts.locale ? { locale: opts.locale } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  const event = await lastEvent(t, 'org.invitation_sent', email);
  if (!event) throw new Error('no org.invitation_sent event');
  return { invitation: res.json() as Invitation, token: event.token, event };
}

const row = (id: string) => t.deps.db.invitation.findUniqueOrThrow({ where: { id } });
const auditRows = (action: string, targetId: string) =>
  t.deps.db.auditLog.findMany({ where: { action, targetId } });

describe('POST /v1/orgs/:orgId/invitations', () => {
  it('creates a pending invitation, stores only the token hash, audits it and queues the mail', async () => {
    const email = uniqueEmail('inv-new');
    const res = await call('POST', invitationsUrl(), w.owner.auth, {
      email: email.toUpperCase(),
      role: 'admin',
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as Invitation;
    expect(body).toMatchObject({
      email,
      role: 'admin',
      status: 'pending',
      invitedBy: { id: w.owner.id, name: w.owner.name },
      sendCount: 1,
    });
    const ttl = t.deps.env.INVITATION_TTL_SECONDS * 1000;
    expect(Date.parse(body.expiresAt) - Date.parse(body.lastSentAt)).toBe(ttl);

    const event = await lastEvent(t, 'org.invitation_sent', email);
    expect(event).toMatchObject({
      invitationId: body.id,
      email,
      role: 'admin',
      locale: 'en',
      organizationName: 'Acme',
      inviterName: w.owner.name,
      expiresAt: body.expiresAt,
    });
    const stored = await row(body.id);
    expect(stored.tokenHash).toBe(hashToken(event?.token ?? ''));
    expect(stored.tokenHash).not.toBe(event?.token);
    expect(stored.organizationId).toBe(w.org.id);
    const audit = await auditRows('org.invitation_created', body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: w.owner.id, organizationId: w.org.id });
  });

  it('mails in the invitee account’s locale, else the requested one, else the inviter’s', async () => {
    const invitee = await createOrgUser(t, { prefix: 'inv-loc' });
    await t.deps.db.user.update({ where: { id: invitee.id }, data: { locale: 'ar' } });
    expect((await invite(invitee.email, { locale: 'fr' })).event.locale).toBe('ar');

    expect((await invite(uniqueEmail('inv-loc-fr'), { locale: 'fr' })).event.locale).toBe('fr');

    const frInviter = await createOrgUser(t, { prefix: 'inv-fr-admin' });
    await t.deps.db.user.update({ where: { id: frInviter.id }, data: { locale: 'fr' } });
    await addMember(t, w.org.id, frInviter.id, 'admin');
    expect((await invite(uniqueEmail('inv-loc-def'), { auth: frInviter.auth })).event.locale).toBe('fr');
  });

  it('a member has no invite permission: 403 forbidden, audited, nothing created', async () => {
    const email = uniqueEmail('inv-by-member');
    const deniedBefore = await t.deps.db.auditLog.count({
      where: { action: 'org.access_denied', actorId: w.member.id, organizationId: w.org.id },
    });
    expectProblem(
      await call('POST', invitationsUrl(), w.member.auth, { email, role: 'member' }),
      403,
      'forbidden',
    );
    expect(await t.deps.db.invitation.count({ where: { email } })).toBe(0);
    expect(
      await t.deps.db.auditLog.count({
        where: { action: 'org.access_denied', actorId: w.member.id, organizationId: w.org.id },
      }),
    ).toBe(deniedBefore + 1);
  });

  it('an admin cannot invite an owner: 403 role_not_allowed, audited as org.access_denied', async () => {
    const email = uniqueEmail('inv-owner');
    const res = await call('POST', invitationsUrl(), w.admin.auth, { email, role: 'owner' });
    expectProblem(res, 403, 'role_not_allowed');
    expect(await t.deps.db.invitation.count({ where: { email } })).toBe(0);
    const denied = await t.deps.db.auditLog.findMany({
      where: { action: 'org.access_denied', actorId: w.admin.id, organizationId: w.org.id },
    });
    expect(denied.some((d) => JSON.stringify(d.diff).includes(email))).toBe(true);
    expect(await lastEvent(t, 'org.invitation_sent', email)).toBeUndefined();
  });

  it('409 already_member for a member’s address, 409 invitation_exists for a pending one', async () => {
    expectProblem(
      await call('POST', invitationsUrl(), w.owner.auth, {
        email: w.member.email.toUpperCase(),
        role: 'member',
      }),
      409,
      'already_member',
    );
    const email = uniqueEmail('inv-twice');
    await invite(email);
    expectProblem(
      await call('POST', invitationsUrl(), w.admin.auth, { email, role: 'member' }),
      409,
      'invitation_exists',
    );
    expect(await t.deps.db.invitation.count({ where: { email } })).toBe(1);
  });

  it('replaces an expired invitation of the same address', async () => {
    const email = uniqueEmail('inv-expired-replace');
    const first = await invite(email);
    await t.deps.db.invitation.update({
      where: { id: first.invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const second = await invite(email);
    expect(second.invitation.id).not.toBe(first.invitation.id);
    expect(await t.deps.db.invitation.findMany({ where: { email }, select: { id: true } })).toEqual([
      { id: second.invitation.id },
    ]);
  });

  it('two concurrent invitations of one address: one 201, one 409 invitation_exists', async () => {
    const email = uniqueEmail('inv-race');
    const results = await Promise.all([
      call('POST', invitationsUrl(), w.owner.auth, { email, role: 'member' }),
      call('POST', invitationsUrl(), w.admin.auth, { email, role: 'member' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json()).toMatchObject({ code: 'invitation_exists' });
    expect(await t.deps.db.invitation.count({ where: { email } })).toBe(1);
  });

  it('an API key with members:write invites members and admins, never owners; a read key cannot', async () => {
    const email = uniqueEmail('inv-key');
    const res = await call('POST', invitationsUrl(), w.writeKey.auth, { email, role: 'admin' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ role: 'admin', invitedBy: null });
    expect(await lastEvent(t, 'org.invitation_sent', email)).toMatchObject({ inviterName: null });
    const audit = await auditRows('org.invitation_created', (res.json() as Invitation).id);
    expect(audit[0]?.actorId).toBeNull();
    // Which key acted is recorded (orgs.shared withKey; the audit redactor currently masks its value).
    expect(audit[0]?.diff).toHaveProperty('after.apiKeyId');

    const ownerEmail = uniqueEmail('inv-key-owner');
    expectProblem(
      await call('POST', invitationsUrl(), w.writeKey.auth, { email: ownerEmail, role: 'owner' }),
      403,
      'role_not_allowed',
    );
    expect(await t.deps.db.invitation.count({ where: { email: ownerEmail } })).toBe(0);
    expectProblem(
      await call('POST', invitationsUrl(), w.readKey.auth, { email: uniqueEmail('inv-rk'), role: 'member' }),
      403,
      'forbidden',
    );
  });

  it('validates the body: bad email, unknown role, unknown field → 400', async () => {
    for (const payload of [
      { email: 'nope', role: 'member' },
      { email: uniqueEmail('inv-bad'), role: 'superuser' },
      { email: uniqueEmail('inv-bad'), role: 'member', extra: 1 },
    ]) {
      expectProblem(await call('POST', invitationsUrl(), w.owner.auth, payload), 400, 'validation_failed');
    }
  });
});

describe('GET /v1/orgs/:orgId/invitations', () => {
  it('lists pending ones newest first with cursor pagination, q filter and expired status', async () => {
    const tag = `list${Date.now()}`;
    const emails = [0, 1, 2].map((i) => uniqueEmail(`${tag}-${i}`));
    const created: Invitation[] = [];
    for (const email of emails) created.push((await invite(email)).invitation);
    const [oldest, middle, newest] = created as [Invitation, Invitation, Invitation];
    await t.deps.db.invitation.update({
      where: { id: oldest.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const revoked = (await invite(uniqueEmail(`${tag}-revoked`))).invitation;
    expect((await call('DELETE', `${invitationsUrl()}/${revoked.id}`, w.owner.auth)).statusCode).toBe(204);

    const page1 = await call('GET', `${invitationsUrl()}?q=${tag.toUpperCase()}&limit=2`, w.admin.auth);
    expect(page1.statusCode, page1.body).toBe(200);
    const body1 = page1.json() as { invitations: Invitation[]; nextCursor: string | null };
    expect(body1.invitations.map((i) => i.id)).toEqual([newest.id, middle.id]);
    // Opaque (lists convention): page 2 below shows where it continues.
    expect(body1.nextCursor).toEqual(expect.any(String));
    const page2 = await call(
      'GET',
      `${invitationsUrl()}?q=${tag}&limit=2&cursor=${body1.nextCursor}`,
      w.admin.auth,
    );
    const body2 = page2.json() as { invitations: Invitation[]; nextCursor: string | null };
    expect(body2.invitations.map((i) => [i.id, i.status])).toEqual([[oldest.id, 'expired']]);
    expect(body2.nextCursor).toBeNull();

    // Another organization's list never pages from this one's rows: neither its cursor nor a row
    // id is one there (400 invalid_cursor, as on the members and API key lists), nor is garbage.
    for (const cursor of [body1.nextCursor, middle.id]) {
      const foreign = await call(
        'GET',
        `${invitationsUrl(w.otherOrg.id)}?cursor=${cursor}`,
        w.otherOwner.auth,
      );
      expectProblem(foreign, 400, 'validation_failed');
      expect(foreign.json().errors).toEqual([
        expect.objectContaining({ path: 'querystring.cursor', code: 'invalid_cursor' }),
      ]);
    }
    const garbage = await call('GET', `${invitationsUrl()}?cursor=not-a-uuid`, w.admin.auth);
    expectProblem(garbage, 400, 'validation_failed');
    expect(garbage.json().errors[0]).toMatchObject({ path: 'querystring.cursor' });
  });

  it('never shows another organization’s invitations; members and outsiders are refused', async () => {
    const res = await call('GET', invitationsUrl(w.otherOrg.id), w.otherOwner.auth);
    expect(res.statusCode).toBe(200);
    expect((res.json() as { invitations: Invitation[] }).invitations).toEqual([]);
    expectProblem(await call('GET', invitationsUrl(), w.member.auth), 403, 'forbidden');
    expectProblem(await call('GET', invitationsUrl(), w.otherOwner.auth), 404, 'not_found');
    expect((await call('GET', invitationsUrl(), w.writeKey.auth)).statusCode).toBe(200);
  });
});

describe('resend and revoke', () => {
  it('resend: new token and expiry (the old link dies), sendCount+1, audited, mailed again', async () => {
    const email = uniqueEmail('inv-resend');
    const { invitation, token } = await invite(email);
    const throttled = await call('POST', `${invitationsUrl()}/${invitation.id}/resend`, w.owner.auth);
    expectProblem(throttled, 429, 'rate_limited');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);

    await t.deps.db.invitation.update({
      where: { id: invitation.id },
      data: { lastSentAt: new Date(Date.now() - 61_000), expiresAt: new Date(Date.now() - 1000) },
    });
    const res = await call('POST', `${invitationsUrl()}/${invitation.id}/resend`, w.admin.auth);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: invitation.id, status: 'pending', sendCount: 2 });
    const event = await lastEvent(t, 'org.invitation_sent', email);
    expect(event?.token).not.toBe(token);
    expect(event?.expiresAt).toBe((res.json() as Invitation).expiresAt);

    expectProblem(await post(t, '/v1/invitations/preview', { token }), 400, 'link_invalid');
    expect((await post(t, '/v1/invitations/preview', { token: event?.token })).statusCode).toBe(200);
    expect(await auditRows('org.invitation_resent', invitation.id)).toHaveLength(1);
    // And straight away again: throttled.
    expectProblem(
      await call('POST', `${invitationsUrl()}/${invitation.id}/resend`, w.admin.auth),
      429,
      'rate_limited',
    );
  });

  it('revoke: 204, the link answers link_invalid, a second revoke or resend is 404', async () => {
    const { invitation, token } = await invite(uniqueEmail('inv-revoke'));
    expect((await call('DELETE', `${invitationsUrl()}/${invitation.id}`, w.admin.auth)).statusCode).toBe(204);
    expect((await row(invitation.id)).revokedAt).toBeInstanceOf(Date);
    expect(await auditRows('org.invitation_revoked', invitation.id)).toHaveLength(1);
    expectProblem(await post(t, '/v1/invitations/preview', { token }), 400, 'link_invalid');
    expectProblem(
      await call('DELETE', `${invitationsUrl()}/${invitation.id}`, w.admin.auth),
      404,
      'not_found',
    );
    expectProblem(
      await call('POST', `${invitationsUrl()}/${invitation.id}/resend`, w.admin.auth),
      404,
      'not_found',
    );
  });

  it('another organization’s invitation id answers 404 and is left alone', async () => {
    const { invitation } = await invite(uniqueEmail('inv-cross'));
    const foreign = `${invitationsUrl(w.otherOrg.id)}/${invitation.id}`;
    expectProblem(await call('DELETE', foreign, w.otherOwner.auth), 404, 'not_found');
    await t.deps.db.invitation.update({
      where: { id: invitation.id },
      data: { lastSentAt: new Date(Date.now() - 120_000) },
    });
    expectProblem(await call('POST', `${foreign}/resend`, w.otherOwner.auth), 404, 'not_found');
    const stored = await row(invitation.id);
    expect(stored.revokedAt).toBeNull();
    expect(stored.sendCount).toBe(1);
  });

  it('an admin cannot resend an owner’s invitation (re-issuing grants the role again)', async () => {
    const { invitation } = await invite(uniqueEmail('inv-owner-resend'), { role: 'owner' });
    await t.deps.db.invitation.update({
      where: { id: invitation.id },
      data: { lastSentAt: new Date(Date.now() - 120_000) },
    });
    expectProblem(
      await call('POST', `${invitationsUrl()}/${invitation.id}/resend`, w.admin.auth),
      403,
      'role_not_allowed',
    );
    expect((await row(invitation.id)).sendCount).toBe(1);
  });
});

describe('revoking follows the rank rule of inviting', () => {
  it('an admin cannot revoke an owner invitation (403 role_not_allowed, audited); an owner can', async () => {
    const { invitation, token } = await invite(uniqueEmail('inv-owner-revoke'), { role: 'owner' });
    const url = `${invitationsUrl()}/${invitation.id}`;
    for (const auth of [w.admin.auth, w.writeKey.auth]) {
      expectProblem(await call('DELETE', url, auth), 403, 'role_not_allowed');
    }
    expect((await row(invitation.id)).revokedAt).toBeNull();
    expect((await post(t, '/v1/invitations/preview', { token })).statusCode).toBe(200);
    expect(await auditRows('org.invitation_revoked', invitation.id)).toHaveLength(0);
    const denied = await auditRows('org.access_denied', invitation.id);
    expect(denied.map((d) => d.actorId)).toEqual(expect.arrayContaining([w.admin.id, null]));

    expect((await call('DELETE', url, w.owner.auth)).statusCode).toBe(204);
    expect((await row(invitation.id)).revokedAt).toBeInstanceOf(Date);
    expect(await auditRows('org.invitation_revoked', invitation.id)).toHaveLength(1);
  });

  it('an admin still revokes the admin and member invitations they could have sent', async () => {
    for (const role of ['admin', 'member'] as const) {
      const { invitation } = await invite(uniqueEmail(`inv-${role}-revoke`), { role });
      const res = await call('DELETE', `${invitationsUrl()}/${invitation.id}`, w.admin.auth);
      expect(res.statusCode, res.body).toBe(204);
    }
  });
});

describe('the invitee side', () => {
  it('preview → accept: joins with the invited role, becomes active, link used up', async () => {
    const invitee = await createOrgUser(t, { prefix: 'inv-accept', name: 'Ivy Invitee' });
    const { invitation, token } = await invite(invitee.email, { role: 'admin' });

    const preview = await post(t, '/v1/invitations/preview', { token });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({
      organization: { id: w.org.id, name: 'Acme', slug: w.org.slug },
      invitedBy: w.owner.name,
      email: invitee.email,
      role: 'admin',
      expiresAt: invitation.expiresAt,
      accountExists: true,
    });

    const res = await call('POST', '/v1/invitations/accept', invitee.auth, { token });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      organization: {
        id: w.org.id,
        name: 'Acme',
        slug: w.org.slug,
        personal: false,
        role: 'admin',
        logoUrl: null,
      },
    });
    const membership = await t.deps.db.membership.findUniqueOrThrow({
      where: { organizationId_userId: { organizationId: w.org.id, userId: invitee.id } },
    });
    expect(membership.role).toBe('admin');
    const user = await t.deps.db.user.findUniqueOrThrow({ where: { id: invitee.id } });
    expect(user.activeOrganizationId).toBe(w.org.id);
    expect((await row(invitation.id)).acceptedAt).toBeInstanceOf(Date);
    const audit = await auditRows('org.invitation_accepted', invitation.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: invitee.id, organizationId: w.org.id });

    expectProblem(await call('POST', '/v1/invitations/accept', invitee.auth, { token }), 400, 'link_invalid');
    expectProblem(await post(t, '/v1/invitations/preview', { token }), 400, 'link_invalid');
    expectProblem(await post(t, '/v1/invitations/decline', { token }), 400, 'link_invalid');
  });

  it('preview tells whether the address has an account; unknown tokens are link_invalid', async () => {
    const { token } = await invite(uniqueEmail('inv-noacct'));
    expect((await post(t, '/v1/invitations/preview', { token })).json()).toMatchObject({
      accountExists: false,
    });
    expectProblem(await post(t, '/v1/invitations/preview', { token: 'A'.repeat(43) }), 400, 'link_invalid');
    expectProblem(await post(t, '/v1/invitations/preview', {}), 400, 'validation_failed');
  });

  it('the public link endpoints are rate-limited per IP', async () => {
    const remoteAddress = ip();
    const codes: number[] = [];
    for (let i = 0; i <= INVITATION_LINK_RATE_LIMIT.max; i++) {
      const res = await post(t, '/v1/invitations/preview', { token: 'C'.repeat(43) }, { remoteAddress });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, -1).every((c) => c === 400)).toBe(true);
    expect(codes.at(-1)).toBe(429);
  });

  it('another account cannot accept: 403 invitation_email_mismatch, the link stays usable', async () => {
    const invitee = await createOrgUser(t, { prefix: 'inv-right' });
    const { invitation, token } = await invite(invitee.email);
    const stranger = await createOrgUser(t, { prefix: 'inv-wrong' });
    expectProblem(
      await call('POST', '/v1/invitations/accept', stranger.auth, { token }),
      403,
      'invitation_email_mismatch',
    );
    expect((await row(invitation.id)).acceptedAt).toBeNull();
    expect(
      await t.deps.db.membership.count({ where: { organizationId: w.org.id, userId: stranger.id } }),
    ).toBe(0);
    expect((await call('POST', '/v1/invitations/accept', invitee.auth, { token })).statusCode).toBe(200);
  });

  it('accept needs a signed-in user: anonymous 401, an API key 403', async () => {
    const { token } = await invite(uniqueEmail('inv-anon'));
    expectProblem(await call('POST', '/v1/invitations/accept', undefined, { token }), 401, 'unauthorized');
    expectProblem(await call('POST', '/v1/invitations/accept', w.writeKey.auth, { token }), 403, 'forbidden');
  });

  it('an existing member accepting keeps their membership; the invitation is still used up', async () => {
    const invitee = await createOrgUser(t, { prefix: 'inv-already' });
    const { invitation, token } = await invite(invitee.email, { role: 'admin' });
    await addMember(t, w.org.id, invitee.id, 'member');
    const res = await call('POST', '/v1/invitations/accept', invitee.auth, { token });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ organization: { role: 'member' } });
    expect((await row(invitation.id)).acceptedAt).toBeInstanceOf(Date);
  });

  it('10 parallel accepts by the right user: exactly one wins', async () => {
    const invitee = await createOrgUser(t, { prefix: 'inv-par' });
    const { invitation, token } = await invite(invitee.email);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => call('POST', '/v1/invitations/accept', invitee.auth, { token })),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 400)).toHaveLength(9);
    expect(await auditRows('org.invitation_accepted', invitation.id)).toHaveLength(1);
  });

  it('accept and decline racing: exactly one succeeds', async () => {
    const invitee = await createOrgUser(t, { prefix: 'inv-ad' });
    const { invitation, token } = await invite(invitee.email);
    const [accepted, declined] = await Promise.all([
      call('POST', '/v1/invitations/accept', invitee.auth, { token }),
      post(t, '/v1/invitations/decline', { token }),
    ]);
    const wins = [accepted.statusCode === 200, declined.statusCode === 204];
    expect(wins.filter(Boolean)).toHaveLength(1);
    const stored = await row(invitation.id);
    expect([stored.acceptedAt, stored.declinedAt].filter((d) => d !== null)).toHaveLength(1);
    const member = await t.deps.db.membership.count({
      where: { organizationId: w.org.id, userId: invitee.id },
    });
    expect(member).toBe(accepted.statusCode === 200 ? 1 : 0);
  });

  it('decline: 204, marked declined and audited; the link then answers link_invalid', async () => {
    const { invitation, token } = await invite(uniqueEmail('inv-decline'));
    const res = await post(t, '/v1/invitations/decline', { token });
    expect(res.statusCode, res.body).toBe(204);
    expect((await row(invitation.id)).declinedAt).toBeInstanceOf(Date);
    expect(await auditRows('org.invitation_declined', invitation.id)).toHaveLength(1);
    expectProblem(await post(t, '/v1/invitations/preview', { token }), 400, 'link_invalid');
  });

  it('an expired invitation answers link_invalid everywhere', async () => {
    const invitee = await createOrgUser(t, { prefix: 'inv-exp' });
    const { invitation, token } = await invite(invitee.email);
    await t.deps.db.invitation.update({
      where: { id: invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expectProblem(await post(t, '/v1/invitations/preview', { token }), 400, 'link_invalid');
    expectProblem(await call('POST', '/v1/invitations/accept', invitee.auth, { token }), 400, 'link_invalid');
    expectProblem(await post(t, '/v1/invitations/decline', { token }), 400, 'link_invalid');
    const stored = await row(invitation.id);
    expect([stored.acceptedAt, stored.declinedAt]).toEqual([null, null]);
  });
});

describe('POST /v1/invitations/sign-up', () => {
  const names = { access: authCookieName('access', false), refresh: authCookieName('refresh', false) };

  it('creates a verified account, its personal organization, the membership and a session', async () => {
    const email = uniqueEmail('inv-signup');
    const { invitation, token } = await invite(email, { role: 'admin' });
    const res = await post(t, '/v1/invitations/sign-up', {
      token,
      name: 'Nina New',
      password: PASSWORD,
      locale: 'fr',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({
      organization: {
        id: w.org.id,
        name: 'Acme',
        slug: w.org.slug,
        personal: false,
        role: 'admin',
        logoUrl: null,
      },
    });
    const cookies = res.cookies.map((c) => c.name);
    expect(cookies).toEqual(expect.arrayContaining([names.access, names.refresh]));

    const user = await t.deps.db.user.findUniqueOrThrow({
      where: { email },
      include: { memberships: { include: { organization: true } } },
    });
    expect(user).toMatchObject({ name: 'Nina New', locale: 'fr', activeOrganizationId: w.org.id });
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    const roles = user.memberships.map((m) => [
      m.organization.personal,
      m.organizationId === w.org.id,
      m.role,
    ]);
    expect(roles).toEqual(
      expect.arrayContaining([
        [true, false, 'owner'],
        [false, true, 'admin'],
      ]),
    );
    expect(roles).toHaveLength(2);
    expect(await t.deps.db.session.count({ where: { userId: user.id } })).toBe(1);
    expect((await row(invitation.id)).acceptedAt).toBeInstanceOf(Date);
    expect(await auditRows('auth.sign_up', user.id)).toHaveLength(1);
    expect(await auditRows('org.invitation_accepted', invitation.id)).toHaveLength(1);

    // The access cookie works as a session.
    const access = res.cookies.find((c) => c.name === names.access)?.value ?? '';
    const me = await t.app.inject({ method: 'GET', url: '/v1/me', cookies: { [names.access]: access } });
    expect(me.statusCode, me.body).toBe(200);

    const again = await post(t, '/v1/invitations/sign-up', { token, name: 'Nina', password: PASSWORD });
    expectProblem(again, 400, 'link_invalid');
  });

  it('two parallel sign-ups with one link: one 201, one 400 link_invalid, one account', async () => {
    const email = uniqueEmail('inv-signup-race');
    const { token } = await invite(email);
    const results = await Promise.all(
      ['Ann', 'Bob'].map((name) => post(t, '/v1/invitations/sign-up', { token, name, password: PASSWORD })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    expect(results.find((r) => r.statusCode === 400)?.json()).toMatchObject({ code: 'link_invalid' });
    expect(await t.deps.db.user.count({ where: { email } })).toBe(1);
  });

  it('an address with an account answers 409 account_exists and creates nothing', async () => {
    const existing = await createOrgUser(t, { prefix: 'inv-exists' });
    const { invitation, token } = await invite(existing.email);
    const res = await post(t, '/v1/invitations/sign-up', { token, name: 'Dup', password: PASSWORD });
    expectProblem(res, 409, 'account_exists');
    expect((await row(invitation.id)).acceptedAt).toBeNull();
    expect(res.cookies).toHaveLength(0);
  });

  it('applies the sign-up password policy; bad tokens are link_invalid', async () => {
    const email = uniqueEmail('inv-weak');
    const { invitation, token } = await invite(email);
    expectProblem(
      await post(t, '/v1/invitations/sign-up', { token, name: 'Weak', password: email }),
      400,
      'validation_failed',
    );
    expect(await t.deps.db.user.count({ where: { email } })).toBe(0);
    expect((await row(invitation.id)).acceptedAt).toBeNull();
    expectProblem(
      await post(t, '/v1/invitations/sign-up', { token: 'B'.repeat(43), name: 'X', password: PASSWORD }),
      400,
      'link_invalid',
    );
  });

  it('a revoked invitation cannot be used to sign up', async () => {
    const email = uniqueEmail('inv-signup-revoked');
    const { invitation, token } = await invite(email);
    expect((await call('DELETE', `${invitationsUrl()}/${invitation.id}`, w.owner.auth)).statusCode).toBe(204);
    expectProblem(
      await post(t, '/v1/invitations/sign-up', { token, name: 'Late', password: PASSWORD }),
      400,
      'link_invalid',
    );
    expect(await t.deps.db.user.count({ where: { email } })).toBe(0);
  });
});
