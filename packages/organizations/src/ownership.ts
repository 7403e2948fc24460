import { type AuditMeta, recordAudit } from '@repo/audit';
import { canGrantRole, canInOrg, type OrgRole, OrgRoles } from '@repo/contracts';
import type { Prisma, Tx } from '@repo/db';

/**
 * An account that can still sign in: neither disabled nor deleted. Only such owners count as
 * owners ("the last owner" rules, succession), and ownership is never handed to anyone else.
 */
export const USABLE_ACCOUNT = { deletedAt: null, disabledAt: null } as const satisfies Prisma.UserWhereInput;

export const isUsableAccount = (user: { deletedAt: Date | null; disabledAt: Date | null }): boolean =>
  user.deletedAt === null && user.disabledAt === null;

/**
 * Locks organizations (FOR UPDATE on their rows) until the transaction ends, in id order so two
 * transactions sharing organizations cannot deadlock. Every membership change takes this lock:
 * "is there another owner?" is only a safe question while no one else can change the answer.
 * Returns the ids that exist (and are now locked); a missing one was deleted meanwhile.
 */
export async function lockOrganizations(tx: Tx, organizationIds: readonly string[]): Promise<string[]> {
  if (organizationIds.length === 0) return [];
  const ids = [...new Set(organizationIds)];
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM organizations WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  return rows.map((row) => row.id);
}

/** Owners who can still sign in (USABLE_ACCOUNT): a disabled or deleted account runs nothing. */
export async function countUsableOwners(tx: Tx, organizationId: string): Promise<number> {
  return tx.membership.count({ where: { organizationId, role: 'owner', user: USABLE_ACCOUNT } });
}

/**
 * Withdraws the pending invitations `senders` sent that the role they keep could no longer send:
 * all of them when `role` is null (they left, were removed or are purged), those for roles above
 * `role` after a demotion. Without it a removed or demoted admin would keep a way back in: an
 * invitation to an address of theirs, accepted later. Without `organizationId`, in every
 * organization (an account that goes away). Returns how many were withdrawn.
 */
export async function revokeInvitationsSentBy(
  tx: Tx,
  by: { senders: readonly string[]; organizationId?: string; role: OrgRole | null },
  now: Date,
): Promise<number> {
  if (by.senders.length === 0) return 0;
  const pending: Prisma.InvitationWhereInput = {
    ...(by.organizationId === undefined ? {} : { organizationId: by.organizationId }),
    invitedById: { in: [...by.senders] },
    acceptedAt: null,
    declinedAt: null,
    revokedAt: null,
  };
  const { role } = by;
  const mayStillSend = role !== null && canInOrg(role, 'members:invite');
  const rolesAbove = role === null ? [] : OrgRoles.filter((r) => !canGrantRole(role, r));
  const { count } = await tx.invitation.updateMany({
    where: mayStillSend ? { ...pending, role: { in: rolesAbove } } : pending,
    data: { revokedAt: now },
  });
  return count;
}

export type TransferRefusal = 'not_member' | 'account_unusable';

/**
 * Hands ownership from one member to another: `to` becomes owner, `from` admin, audited as
 * `org.ownership_transferred`. The caller holds the organization's lock (lockOrganizations) and
 * has checked that `from` may give it away (an owner, not a personal organization). Refused, with
 * nothing changed, when `to` is not a member or cannot sign in (the organization would be stuck
 * with an owner nobody can act as).
 */
export async function transferOwnership(
  tx: Tx,
  transfer: { organizationId: string; from: string; to: string; meta: AuditMeta | null },
  now: Date,
): Promise<{ ok: true } | { ok: false; reason: TransferRefusal }> {
  const { organizationId, from, to } = transfer;
  const target = await tx.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId: to } },
    select: { id: true, role: true, user: { select: { deletedAt: true, disabledAt: true } } },
  });
  if (!target) return { ok: false, reason: 'not_member' };
  if (!isUsableAccount(target.user)) return { ok: false, reason: 'account_unusable' };
  await tx.membership.update({ where: { id: target.id }, data: { role: 'owner' } });
  await tx.membership.update({
    where: { organizationId_userId: { organizationId, userId: from } },
    data: { role: 'admin' },
  });
  await recordAudit(
    tx,
    {
      actorId: from,
      action: 'org.ownership_transferred',
      organizationId,
      targetType: 'user',
      targetId: to,
      meta: transfer.meta,
      before: { from, fromRole: 'owner', to, toRole: target.role },
      after: { from, fromRole: 'admin', to, toRole: 'owner' },
    },
    now,
  );
  return { ok: true };
}
