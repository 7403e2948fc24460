import { randomBytes, randomUUID } from 'node:crypto';
import { createDb } from '@repo/db';
import { createPersonalOrganization } from '@repo/organizations';
import { uniqueEmail } from '@repo/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { requireEnv } from '../worker.test-support';
import { purgeDeletedUsers } from './purge-users';

// Real PostgreSQL (this vitest worker's database). Other test files may leave soft-deleted
// accounts behind, so assertions are about the rows created here, never global counts.

const db = createDb({ url: requireEnv('DATABASE_URL'), poolMax: 4 });
afterAll(async () => db.$disconnect());

const GRACE_DAYS = 30;
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
const purge = (over: Partial<Parameters<typeof purgeDeletedUsers>[0]> = {}) =>
  purgeDeletedUsers({ db, graceDays: GRACE_DAYS, clock: () => new Date(), ...over });

/** An account with its personal organization, as sign-up creates it. */
async function account(name: string, opts: { deletedDaysAgo?: number; disabled?: boolean } = {}) {
  const user = await db.user.create({
    data: {
      email: uniqueEmail(name),
      name,
      deletedAt: opts.deletedDaysAgo === undefined ? null : daysAgo(opts.deletedDaysAgo),
      disabledAt: opts.disabled ? new Date() : null,
    },
  });
  const personal = await db.$transaction((tx) => createPersonalOrganization(tx, user, new Date()));
  return { ...user, personalOrgId: personal.id };
}

async function sharedOrg(name: string, members: [string, 'owner' | 'admin' | 'member'][]) {
  const org = await db.organization.create({
    data: { name, slug: `${name.toLowerCase()}-${randomBytes(4).toString('hex')}` },
  });
  // One at a time: created_at orders "longest-standing member first".
  for (const [userId, role] of members) {
    await db.membership.create({ data: { organizationId: org.id, userId, role } });
  }
  return org;
}

const roleIn = async (organizationId: string, userId: string) =>
  (await db.membership.findUnique({ where: { organizationId_userId: { organizationId, userId } } }))?.role;
const purgedRows = (userId: string) =>
  db.auditLog.findMany({ where: { action: 'admin.user_purged', targetType: 'user', targetId: userId } });

describe('users.purge', () => {
  it('hard-deletes accounts past the grace period and keeps every organization consistent', async () => {
    const gone = await account('Gone', { deletedDaysAgo: GRACE_DAYS + 1 });
    const recent = await account('Recent', { deletedDaysAgo: GRACE_DAYS - 1 });
    const member = await account('Member');
    const admin = await account('Admin');
    const colleague = await account('Colleague');

    // Gone owns a shared org: its member joined first, but the admin is preferred as new owner.
    const shared = await sharedOrg('Shared', [
      [gone.id, 'owner'],
      [member.id, 'member'],
      [admin.id, 'admin'],
    ]);
    const alone = await sharedOrg('Alone', [[gone.id, 'owner']]);
    const other = await sharedOrg('Other', [
      [colleague.id, 'owner'],
      [gone.id, 'admin'],
    ]);
    // Gone's invitation, API key and audit history; a colleague has Gone's org open.
    const pending = await db.invitation.create({
      data: {
        organizationId: other.id,
        email: uniqueEmail('invitee'),
        role: 'member',
        tokenHash: randomBytes(32).toString('hex'),
        invitedById: gone.id,
        expiresAt: new Date(Date.now() + DAY),
        lastSentAt: new Date(),
      },
    });
    const key = await db.apiKey.create({
      data: {
        organizationId: shared.id,
        createdById: gone.id,
        name: 'ci',
        prefix: randomBytes(6).toString('hex'),
        secretHash: 'x',
        scopes: [],
      },
    });
    const history = await db.auditLog.create({ data: { actorId: gone.id, action: 'auth.sign_in' } });
    await db.user.update({ where: { id: colleague.id }, data: { activeOrganizationId: alone.id } });

    // Their avatar goes with them; a file they uploaded to an organization stays its.
    const fileOf = (purpose: 'avatar' | 'org_file', organizationId: string | null) =>
      db.file.create({
        data: {
          organizationId,
          ownerUserId: gone.id,
          purpose,
          status: 'ready',
          key: `${purpose}/${randomUUID()}`,
          name: 'x.png',
          declaredType: 'image/png',
          declaredSize: 1n,
        },
      });
    const avatar = await fileOf('avatar', null);
    await db.user.update({ where: { id: gone.id }, data: { avatarFileId: avatar.id } });
    const sharedFile = await fileOf('org_file', shared.id);
    const first = await purge();
    expect(first.purged).toBeGreaterThanOrEqual(1);

    expect(await db.user.findUnique({ where: { id: gone.id } })).toBeNull();
    expect(await db.organization.findUnique({ where: { id: gone.personalOrgId } })).toBeNull();
    expect(await db.organization.findUnique({ where: { id: alone.id } })).toBeNull();
    // Shared org kept, with an owner who can sign in; the other org just lost a member.
    expect(await db.organization.findUnique({ where: { id: shared.id } })).not.toBeNull();
    expect(await roleIn(shared.id, admin.id)).toBe('owner');
    expect(await roleIn(shared.id, member.id)).toBe('member');
    expect(await db.membership.count({ where: { organizationId: other.id } })).toBe(1);
    expect(await roleIn(other.id, colleague.id)).toBe('owner');
    // References that outlive the account are kept with the reference cleared.
    expect((await db.invitation.findUniqueOrThrow({ where: { id: pending.id } })).revokedAt).not.toBeNull();
    expect(await db.invitation.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      invitedById: null,
    });
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).toMatchObject({
      createdById: null,
      revokedAt: null,
    });
    expect((await db.auditLog.findUniqueOrThrow({ where: { id: history.id } })).actorId).toBeNull();
    expect(await db.file.findUniqueOrThrow({ where: { id: avatar.id } })).toMatchObject({
      status: 'deleted',
      ownerUserId: null,
    });
    expect(await db.file.findUniqueOrThrow({ where: { id: sharedFile.id } })).toMatchObject({
      status: 'ready',
      ownerUserId: null,
    });
    expect(
      (await db.user.findUniqueOrThrow({ where: { id: colleague.id } })).activeOrganizationId,
    ).toBeNull();

    // One audit row per purged account, by the system, without personal data.
    const [row, ...more] = await purgedRows(gone.id);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({ actorId: null, targetType: 'user', targetId: gone.id });
    expect(JSON.stringify(row?.diff)).not.toContain(gone.email);
    expect(JSON.stringify(row?.diff)).not.toContain('Gone');
    expect(row?.diff).toMatchObject({ after: { organizationsDeleted: 2, ownershipsTransferred: 1 } });
    const transfer = await db.auditLog.findMany({
      where: { action: 'org.ownership_transferred', organizationId: shared.id },
    });
    expect(transfer).toHaveLength(1);
    expect(transfer[0]).toMatchObject({ actorId: null, targetId: admin.id });

    // Each of its organizations' webhooks hears of it, in the purge's transaction.
    const published = (await db.outboxEvent.findMany({ where: { type: 'webhook.published' } }))
      .map((e) => e.payload as { organizationId: string; type: string; data: Record<string, unknown> })
      .filter((p) => JSON.stringify(p.data).includes(gone.id));
    const byType = (type: string) =>
      published
        .filter((p) => p.type === type)
        .map((p) => p.organizationId)
        .sort();
    const everyOrg = [gone.personalOrgId, shared.id, alone.id, other.id].sort();
    expect(byType('user.deleted')).toEqual(everyOrg);
    expect(byType('member.removed')).toEqual(everyOrg);
    expect(published.find((p) => p.type === 'member.removed' && p.organizationId === other.id)?.data).toEqual(
      {
        member: { userId: gone.id, email: gone.email, name: 'Gone', role: 'admin' },
        reason: 'account_deleted',
      },
    );
    // The member made owner of the shared organization is announced like any role change.
    const roleChanges = (await db.outboxEvent.findMany({ where: { type: 'webhook.published' } }))
      .map((e) => e.payload as { organizationId: string; type: string; data: unknown })
      .filter((p) => p.type === 'member.role_changed' && p.organizationId === shared.id);
    expect(roleChanges.map((p) => p.data)).toEqual([
      expect.objectContaining({
        member: expect.objectContaining({ userId: admin.id, role: 'owner' }),
        previousRole: 'admin',
      }),
    ]);

    // Inside the grace period: untouched, restorable.
    const kept = await db.user.findUnique({ where: { id: recent.id } });
    expect(kept?.deletedAt).not.toBeNull();
    expect(await db.organization.findUnique({ where: { id: recent.personalOrgId } })).not.toBeNull();
    expect(await purgedRows(recent.id)).toHaveLength(0);

    // Idempotent: a second run changes nothing of the above.
    await purge();
    expect(await purgedRows(gone.id)).toHaveLength(1);
    expect(await roleIn(shared.id, admin.id)).toBe('owner');
    expect(await db.user.findUnique({ where: { id: recent.id } })).not.toBeNull();
  });

  it('keeps an owner row when nobody left can sign in, and prefers members who can', async () => {
    const gone = await account('GoneOwner', { deletedDaysAgo: GRACE_DAYS + 2 });
    const disabled = await account('Disabled', { disabled: true });
    const laterDeleted = await account('Later', { deletedDaysAgo: 1 });
    const active = await account('Active');
    const onlyInactive = await sharedOrg('Inactive', [
      [gone.id, 'owner'],
      [laterDeleted.id, 'admin'],
      [disabled.id, 'member'],
    ]);
    // A disabled co-owner does not count: an active member is promoted beside them.
    const stuck = await sharedOrg('Stuck', [
      [gone.id, 'owner'],
      [disabled.id, 'owner'],
      [active.id, 'member'],
    ]);

    await purge();

    expect(await db.user.findUnique({ where: { id: gone.id } })).toBeNull();
    expect(await roleIn(onlyInactive.id, laterDeleted.id)).toBe('owner');
    expect(await roleIn(onlyInactive.id, disabled.id)).toBe('member');
    expect(await roleIn(stuck.id, active.id)).toBe('owner');
    expect(await roleIn(stuck.id, disabled.id)).toBe('owner');
  });

  it('two concurrent runs (two workers) purge each account exactly once', async () => {
    const owner = await account('Owner');
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await account(`Bulk${i}`, { deletedDaysAgo: GRACE_DAYS + 5 })).id);
    // Every one of them also shares one organization, so both runs contend for its lock.
    const org = await sharedOrg('Contended', [
      [owner.id, 'owner'],
      ...ids.map((id) => [id, 'member'] as [string, 'member']),
    ]);

    const second = createDb({ url: requireEnv('DATABASE_URL'), poolMax: 4 });
    try {
      const [a, b] = await Promise.all([
        purge({ batchSize: 7 }),
        purgeDeletedUsers({ db: second, graceDays: GRACE_DAYS, clock: () => new Date(), batchSize: 7 }),
      ]);
      expect(a.purged + b.purged).toBeGreaterThanOrEqual(ids.length);
    } finally {
      await second.$disconnect();
    }

    expect(await db.user.count({ where: { id: { in: ids } } })).toBe(0);
    const rows = await db.auditLog.groupBy({
      by: ['targetId'],
      where: { action: 'admin.user_purged', targetId: { in: ids } },
      _count: { _all: true },
    });
    expect(rows).toHaveLength(ids.length);
    expect(rows.every((r) => r._count._all === 1)).toBe(true);
    expect(await db.membership.count({ where: { organizationId: org.id } })).toBe(1);
    expect(await roleIn(org.id, owner.id)).toBe('owner');
  });

  it('stops between batches when the worker drains; the next run finishes the work', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await account(`Drain${i}`, { deletedDaysAgo: GRACE_DAYS + 3 })).id);
    // Purge everything else first so the count below is exactly this test's.
    await purge();
    expect(await db.user.count({ where: { id: { in: ids } } })).toBe(0);

    const more: string[] = [];
    for (let i = 0; i < 5; i++)
      more.push((await account(`Drain2${i}`, { deletedDaysAgo: GRACE_DAYS + 3 })).id);
    const partial = await purge({ batchSize: 2, stopping: () => true });
    expect(partial.purged).toBe(2);
    expect(await db.user.count({ where: { id: { in: more } } })).toBe(3);
    await purge({ batchSize: 2 });
    expect(await db.user.count({ where: { id: { in: more } } })).toBe(0);
  });
});

it('measures the grace period from the clock it is given', async () => {
  const user = await account('Clocked', { deletedDaysAgo: GRACE_DAYS + 10 });
  // Fifteen days ago, this deletion was only 25 days old: inside the grace period.
  await purge({ clock: () => daysAgo(15) });
  expect(await db.user.findUnique({ where: { id: user.id } })).not.toBeNull();
  await purge();
  expect(await db.user.findUnique({ where: { id: user.id } })).toBeNull();
});
