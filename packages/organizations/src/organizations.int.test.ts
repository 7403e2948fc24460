import { randomBytes } from 'node:crypto';
import type { OrgRole } from '@repo/contracts';
import { createDb } from '@repo/db';
import { uniqueEmail } from '@repo/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  countUsableOwners,
  createPersonalOrganization,
  ensurePersonalOrganization,
  lockOrganizations,
  personalOrganizationSlug,
  revokeInvitationsSentBy,
  settleDepartingAccounts,
  transferOwnership,
} from './index';

// Real PostgreSQL (this vitest worker's database): the rules against the rows they change.
// Assertions are about rows created here only; other files share the database.

const db = createDb({ url: process.env.DATABASE_URL ?? '', poolMax: 4 });
afterAll(() => db.$disconnect());

const DAY = 86_400_000;
const meta = { ip: '203.0.113.9', userAgent: 'vitest', requestId: 'req-organizations' };

async function user(name: string, state: { disabled?: boolean; deleted?: boolean } = {}) {
  return db.user.create({
    data: {
      email: uniqueEmail(name.toLowerCase()),
      name,
      disabledAt: state.disabled ? new Date() : null,
      deletedAt: state.deleted ? new Date() : null,
    },
  });
}

/** A shared organization; members join one after the other, so created_at ranks them. */
async function team(name: string, members: [string, OrgRole][]) {
  const org = await db.organization.create({
    data: { name, slug: `${name.toLowerCase()}-${randomBytes(4).toString('hex')}` },
  });
  for (const [userId, role] of members) {
    await db.membership.create({ data: { organizationId: org.id, userId, role } });
  }
  return org;
}

const roleIn = async (organizationId: string, userId: string) =>
  (await db.membership.findUnique({ where: { organizationId_userId: { organizationId, userId } } }))?.role;

async function invitation(organizationId: string, invitedById: string, role: OrgRole) {
  return db.invitation.create({
    data: {
      organizationId,
      email: uniqueEmail('invitee'),
      role,
      tokenHash: randomBytes(32).toString('hex'),
      invitedById,
      expiresAt: new Date(Date.now() + DAY),
      lastSentAt: new Date(),
    },
  });
}

const revoked = async (id: string) =>
  (await db.invitation.findUniqueOrThrow({ where: { id } })).revokedAt !== null;

describe('personal organizations', () => {
  it('are created owned by the account, with the slug from its id, and made active', async () => {
    const paula = await user('Paula');
    const now = new Date('2024-05-01T10:00:00Z');
    const created = await db.$transaction((tx) => createPersonalOrganization(tx, paula, now));

    expect(created.slug).toBe(personalOrganizationSlug(paula.id));
    expect(created.slug).toMatch(/^personal-[0-9a-f]{32}$/);
    const org = await db.organization.findUniqueOrThrow({
      where: { id: created.id },
      include: { memberships: true },
    });
    expect(org).toMatchObject({ name: 'Paula', personal: true, createdAt: now });
    expect(org.memberships).toEqual([
      expect.objectContaining({ userId: paula.id, role: 'owner', createdAt: now }),
    ]);
    expect((await db.user.findUniqueOrThrow({ where: { id: paula.id } })).activeOrganizationId).toBe(org.id);
  });

  it('are ensured idempotently: kept when present, made active again when none is', async () => {
    const sam = await user('Sam');
    const first = await db.$transaction((tx) => ensurePersonalOrganization(tx, sam, new Date()));
    expect(first.created).toBe(true);

    await db.user.update({ where: { id: sam.id }, data: { activeOrganizationId: null } });
    const again = await db.$transaction((tx) => ensurePersonalOrganization(tx, sam, new Date()));
    expect(again).toEqual({ id: first.id, created: false });
    expect(await db.organization.count({ where: { memberships: { some: { userId: sam.id } } } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: sam.id } })).activeOrganizationId).toBe(first.id);

    // Another active organization is left alone.
    const other = await team('Elsewhere', [[sam.id, 'member']]);
    await db.user.update({ where: { id: sam.id }, data: { activeOrganizationId: other.id } });
    await db.$transaction((tx) => ensurePersonalOrganization(tx, sam, new Date()));
    expect((await db.user.findUniqueOrThrow({ where: { id: sam.id } })).activeOrganizationId).toBe(other.id);
  });
});

describe('ownership rules', () => {
  it('count only owners who can still sign in', async () => {
    const [active, disabled, deleted, admin] = await Promise.all([
      user('Active'),
      user('Disabled', { disabled: true }),
      user('Deleted', { deleted: true }),
      user('Admin'),
    ]);
    const org = await team('Owners', [
      [active.id, 'owner'],
      [disabled.id, 'owner'],
      [deleted.id, 'owner'],
      [admin.id, 'admin'],
    ]);
    expect(await db.$transaction((tx) => countUsableOwners(tx, org.id))).toBe(1);
  });

  it('lock the organizations that exist, and only those', async () => {
    const owner = await user('Locker');
    const [a, b] = [await team('LockA', [[owner.id, 'owner']]), await team('LockB', [[owner.id, 'owner']])];
    const missing = '00000000-0000-4000-8000-000000000000';
    const locked = await db.$transaction((tx) => lockOrganizations(tx, [b.id, a.id, missing, a.id]));
    expect(locked.sort()).toEqual([a.id, b.id].sort());
    expect(await db.$transaction((tx) => lockOrganizations(tx, []))).toEqual([]);
  });

  it('withdraw the invitations a sender could no longer send', async () => {
    const [owner, admin] = [await user('InvOwner'), await user('InvAdmin')];
    const org = await team('Invites', [
      [owner.id, 'owner'],
      [admin.id, 'admin'],
    ]);
    const elsewhere = await team('InvitesToo', [[admin.id, 'admin']]);
    const asOwner = await invitation(org.id, admin.id, 'owner');
    const asMember = await invitation(org.id, admin.id, 'member');
    const other = await invitation(elsewhere.id, admin.id, 'member');

    // Keeping the admin role (an owner demoted to admin, say): only invitations above it go.
    const now = new Date();
    await db.$transaction((tx) =>
      revokeInvitationsSentBy(tx, { organizationId: org.id, senders: [admin.id], role: 'admin' }, now),
    );
    expect(await revoked(asOwner.id)).toBe(true);
    expect(await revoked(asMember.id)).toBe(false);

    // No role left here (removed, or left): every pending one in this organization goes.
    const count = await db.$transaction((tx) =>
      revokeInvitationsSentBy(tx, { organizationId: org.id, senders: [admin.id], role: null }, now),
    );
    expect(count).toBe(1);
    expect(await revoked(asMember.id)).toBe(true);
    expect(await revoked(other.id)).toBe(false);

    // Without an organization: everywhere (an account that goes away).
    await db.$transaction((tx) => revokeInvitationsSentBy(tx, { senders: [admin.id], role: null }, now));
    expect(await revoked(other.id)).toBe(true);
  });

  it('hand ownership over to a member who can sign in, audited', async () => {
    const [owner, member, disabled, outsider] = [
      await user('FromOwner'),
      await user('ToMember'),
      await user('ToDisabled', { disabled: true }),
      await user('Outsider'),
    ];
    const org = await team('Transfer', [
      [owner.id, 'owner'],
      [member.id, 'member'],
      [disabled.id, 'admin'],
    ]);
    const now = new Date('2024-06-01T08:00:00Z');
    const transfer = (to: string) =>
      db.$transaction((tx) =>
        transferOwnership(tx, { organizationId: org.id, from: owner.id, to, meta }, now),
      );

    expect(await transfer(outsider.id)).toEqual({ ok: false, reason: 'not_member' });
    expect(await transfer(disabled.id)).toEqual({ ok: false, reason: 'account_unusable' });
    expect(await roleIn(org.id, owner.id)).toBe('owner');

    expect(await transfer(member.id)).toEqual({ ok: true });
    expect(await roleIn(org.id, member.id)).toBe('owner');
    expect(await roleIn(org.id, owner.id)).toBe('admin');
    const rows = await db.auditLog.findMany({
      where: { action: 'org.ownership_transferred', organizationId: org.id },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: owner.id,
      targetType: 'user',
      targetId: member.id,
      requestId: meta.requestId,
      createdAt: now,
      diff: {
        before: { from: owner.id, fromRole: 'owner', to: member.id, toRole: 'member' },
        after: { from: owner.id, fromRole: 'admin', to: member.id, toRole: 'owner' },
      },
    });
  });
});

describe('settleDepartingAccounts (succession)', () => {
  it('deletes what goes with the accounts, hands on ownership and withdraws their invitations', async () => {
    const gone = await user('Gone', { deleted: true });
    const [member, admin, colleague] = [await user('Member'), await user('Admin'), await user('Colleague')];
    const personal = await db.$transaction((tx) => createPersonalOrganization(tx, gone, new Date()));
    // The member joined first, but an admin is preferred as the new owner.
    const shared = await team('Shared', [
      [gone.id, 'owner'],
      [member.id, 'member'],
      [admin.id, 'admin'],
    ]);
    const alone = await team('Alone', [[gone.id, 'admin']]);
    const other = await team('Other', [
      [colleague.id, 'owner'],
      [gone.id, 'admin'],
    ]);
    const pending = await invitation(other.id, gone.id, 'member');
    const now = new Date('2024-07-01T03:00:00Z');

    const result = await db.$transaction((tx) =>
      settleDepartingAccounts(tx, [gone.id], { now, reason: 'account_purged' }),
    );

    expect(result).toMatchObject({
      organizationsDeleted: 2,
      ownershipsTransferred: 1,
      invitationsRevoked: 1,
    });
    expect(result.perUser.get(gone.id)).toEqual({ organizationsDeleted: 2, ownershipsTransferred: 1 });
    expect(await db.organization.findUnique({ where: { id: personal.id } })).toBeNull();
    expect(await db.organization.findUnique({ where: { id: alone.id } })).toBeNull();
    expect(await roleIn(shared.id, admin.id)).toBe('owner');
    expect(await roleIn(shared.id, member.id)).toBe('member');
    expect(await roleIn(other.id, colleague.id)).toBe('owner');
    expect(await revoked(pending.id)).toBe(true);
    // The account itself is the caller's to delete: its memberships in kept organizations remain.
    expect(await roleIn(shared.id, gone.id)).toBe('owner');

    const audits = await db.auditLog.findMany({
      where: { organizationId: { in: [personal.id, alone.id, shared.id, other.id] } },
      orderBy: { action: 'asc' },
    });
    expect(audits.map((a) => [a.action, a.organizationId])).toEqual(
      expect.arrayContaining([
        ['org.deleted', personal.id],
        ['org.deleted', alone.id],
        ['org.ownership_transferred', shared.id],
      ]),
    );
    expect(audits).toHaveLength(3);
    for (const row of audits) expect(row).toMatchObject({ actorId: null, createdAt: now });
    expect(audits.find((a) => a.organizationId === personal.id)?.diff).toEqual({
      before: { personal: true, reason: 'account_purged' },
      after: null,
    });
    expect(audits.find((a) => a.organizationId === shared.id)?.diff).toEqual({
      before: { from: gone.id, fromRole: 'owner', to: admin.id, toRole: 'admin' },
      after: { from: null, to: admin.id, toRole: 'owner', reason: 'account_purged' },
    });
  });

  it('prefers members who can sign in, and never leaves an organization without an owner', async () => {
    const gone = await user('GoneOwner', { deleted: true });
    const disabled = await user('Disabled', { disabled: true });
    const deleted = await user('Deleted', { deleted: true });
    const active = await user('Active');
    const inactive = await team('Inactive', [
      [gone.id, 'owner'],
      [deleted.id, 'admin'],
      [disabled.id, 'member'],
    ]);
    // A disabled co-owner does not count: an active member is promoted beside them.
    const stuck = await team('Stuck', [
      [gone.id, 'owner'],
      [disabled.id, 'owner'],
      [active.id, 'member'],
    ]);
    // Another owner who can sign in remains: nothing to do.
    const fine = await team('Fine', [
      [gone.id, 'owner'],
      [active.id, 'owner'],
    ]);

    const result = await db.$transaction((tx) =>
      settleDepartingAccounts(tx, [gone.id], { now: new Date(), reason: 'account_purged' }),
    );

    expect(result).toMatchObject({ organizationsDeleted: 0, ownershipsTransferred: 2 });
    expect(await roleIn(inactive.id, deleted.id)).toBe('owner');
    expect(await roleIn(inactive.id, disabled.id)).toBe('member');
    expect(await roleIn(stuck.id, active.id)).toBe('owner');
    expect(await roleIn(stuck.id, disabled.id)).toBe('owner');
    expect(await roleIn(fine.id, active.id)).toBe('owner');
    expect(
      await db.auditLog.count({ where: { action: 'org.ownership_transferred', organizationId: fine.id } }),
    ).toBe(0);
  });

  it('treats accounts leaving together as gone together, and does nothing for none', async () => {
    const [a, b, stays] = [
      await user('PairA', { deleted: true }),
      await user('PairB', { deleted: true }),
      await user('Stays'),
    ];
    const both = await team('Both', [
      [a.id, 'owner'],
      [b.id, 'owner'],
    ]);
    const withOne = await team('WithOne', [
      [a.id, 'owner'],
      [b.id, 'admin'],
      [stays.id, 'member'],
    ]);

    const result = await db.$transaction((tx) =>
      settleDepartingAccounts(tx, [a.id, b.id], { now: new Date(), reason: 'account_purged' }),
    );

    expect(await db.organization.findUnique({ where: { id: both.id } })).toBeNull();
    expect(await roleIn(withOne.id, stays.id)).toBe('owner');
    expect(result.perUser.get(a.id)).toEqual({ organizationsDeleted: 1, ownershipsTransferred: 1 });
    expect(result.perUser.get(b.id)).toEqual({ organizationsDeleted: 1, ownershipsTransferred: 0 });

    const none = await db.$transaction((tx) =>
      settleDepartingAccounts(tx, [], { now: new Date(), reason: 'account_purged' }),
    );
    expect(none).toMatchObject({ organizationsDeleted: 0, ownershipsTransferred: 0, invitationsRevoked: 0 });
  });
});
