import { recordAudit } from '@repo/audit';
import type { Organization } from '@repo/contracts';
import { transferOwnership as handOver } from '@repo/organizations';
import { memberRef, publishEvent } from '@repo/outbox';
import { AppError } from '../../errors';
import type { RequestMeta } from '../../lib/request-meta';
import type { OrgContext } from '../../plugins/access';
import { type AppDeps, systemClock } from '../../types';
import { orgSelect, toOrganization } from './orgs.service';
import { lockedActingRole, lockOrganization } from './orgs.shared';

// The owner-only, sudo-guarded operations on an organization as a whole: delete and transfer.

/**
 * Deletes an organization (owner, sudo) with its memberships, invitations and API keys (foreign
 * key cascades); members who had it active fall back (activeOrganizationId is SET NULL). The
 * typed confirmation must be the current slug. Personal organizations go with their account.
 */
export async function deleteOrganization(
  deps: AppDeps,
  meta: RequestMeta,
  org: OrgContext,
  confirm: string,
): Promise<void> {
  const now = (deps.clock ?? systemClock).now();
  await deps.db.$transaction(async (tx) => {
    await lockOrganization(tx, org.id);
    const row = await tx.organization.findUniqueOrThrow({ where: { id: org.id }, select: orgSelect });
    if (row.personal)
      throw new AppError('org_personal', 'A personal organization is deleted with its account.');
    if (confirm !== row.slug) {
      throw new AppError('confirmation_mismatch', 'Type the organization’s slug to confirm.', {
        errors: [{ path: 'confirm', code: 'confirmation_mismatch', message: 'Does not match the slug.' }],
      });
    }
    await tx.organization.delete({ where: { id: org.id } });
    // No foreign key on audit rows: this one outlives the organization it describes.
    await recordAudit(
      tx,
      {
        actorId: org.userId,
        action: 'org.deleted',
        organizationId: org.id,
        targetType: 'organization',
        targetId: org.id,
        meta,
        before: { name: row.name, slug: row.slug, memberCount: row._count.memberships },
      },
      now,
    );
    // The organization's endpoints outlive it (no foreign key) so they still hear of this.
    await publishEvent(
      tx,
      { type: 'organization.deleted', organizationIds: [org.id], data: { organization: { id: org.id } } },
      now,
    );
  });
}

/**
 * Hands ownership to another member (owner, sudo): they become owner, the caller admin, in one
 * locked transaction so the organization always has an owner (the hand-over itself, and its
 * audit row, is @repo/organizations' transferOwnership). Personal organizations stay with their
 * account.
 */
export async function transferOwnership(
  deps: AppDeps,
  meta: RequestMeta,
  org: OrgContext,
  targetId: string,
): Promise<Organization> {
  // Ids compare as text below; PostgreSQL would accept an uppercase one as the same uuid.
  const targetUserId = targetId.toLowerCase();
  const callerId = org.userId;
  if (!callerId) throw new AppError('forbidden');
  if (targetUserId === callerId) {
    throw new AppError('bad_request', 'You already own this organization: choose another member.');
  }
  const now = (deps.clock ?? systemClock).now();
  return deps.db.$transaction(async (tx) => {
    await lockOrganization(tx, org.id);
    const row = await tx.organization.findUniqueOrThrow({
      where: { id: org.id },
      select: { personal: true },
    });
    if (row.personal) throw new AppError('org_personal', 'A personal organization stays with its account.');
    // Still an owner now that the lock is held (a concurrent demotion or removal may have won).
    if ((await lockedActingRole(tx, org)) !== 'owner') throw new AppError('forbidden');
    const previousRole = await tx.membership.findUnique({
      where: { organizationId_userId: { organizationId: org.id, userId: targetUserId } },
      select: { role: true },
    });
    const handed = await handOver(
      tx,
      { organizationId: org.id, from: callerId, to: targetUserId, meta },
      now,
    );
    if (!handed.ok && handed.reason === 'not_member') throw new AppError('not_found', 'No such member.');
    // A disabled or deleted account could not use the ownership: the organization would be stuck.
    if (!handed.ok) {
      throw new AppError('conflict', 'This member’s account is disabled or deleted: choose another member.');
    }
    const organizationIds = [org.id];
    for (const [userId, before] of [
      [targetUserId, previousRole?.role ?? 'member'],
      [callerId, 'owner'],
    ] as const) {
      const member = await memberRef(tx, org.id, userId);
      await publishEvent(
        tx,
        { type: 'member.role_changed', organizationIds, data: { member, previousRole: before } },
        now,
      );
    }
    const after = await tx.organization.findUniqueOrThrow({ where: { id: org.id }, select: orgSelect });
    return toOrganization(after, 'admin');
  });
}
