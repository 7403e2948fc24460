import { type AuditEntry, recordAudits } from '@repo/audit';
import type { OrgRole } from '@repo/contracts';
import type { Tx } from '@repo/db';
import { lockOrganizations, revokeInvitationsSentBy } from './ownership';

/** Why the accounts go away; recorded in the audit rows of what happened to their organizations. */
export type DepartureReason = 'account_purged';

export interface DepartureCounts {
  /** Organizations deleted with the account (its personal one, those it was alone in). */
  organizationsDeleted: number;
  /** Organizations whose ownership passed from it to a remaining member. */
  ownershipsTransferred: number;
}

export interface DepartureResult extends DepartureCounts {
  /** The same counts per departing account (every id passed in has an entry). */
  perUser: Map<string, DepartureCounts>;
  /** Pending invitations the departing accounts had sent, now withdrawn. */
  invitationsRevoked: number;
  /**
   * The members made owner so an organization keeps one, with the role they had: the caller
   * announces them (`member.role_changed`), as a chosen transfer does.
   */
  promotions: { organizationId: string; userId: string; previousRole: OrgRole }[];
}

type Membership = { organizationId: string; userId: string; role: OrgRole; personal: boolean };

type Outcome =
  | { kind: 'delete' }
  | { kind: 'keep' }
  | { kind: 'promote'; userId: string; previousRole: OrgRole };

/**
 * Settles every organization the accounts `userIds` belong to, before those accounts are deleted
 * for good (the worker's purge), in the caller's transaction:
 * - a personal organization goes with its account, and so does one with no other member;
 * - one that would be left without an owner who can sign in gets one (see `settle`);
 * - the pending invitations they sent are withdrawn, in every organization.
 * Deleted organizations and ownership changes are audited (no actor) with `reason`. The caller
 * deletes the accounts afterwards; their memberships go with them.
 */
export async function settleDepartingAccounts(
  tx: Tx,
  userIds: readonly string[],
  { now, reason }: { now: Date; reason: DepartureReason },
): Promise<DepartureResult> {
  const ids = [...userIds];
  const perUser = new Map(ids.map((id) => [id, { organizationsDeleted: 0, ownershipsTransferred: 0 }]));
  const result: DepartureResult = {
    organizationsDeleted: 0,
    ownershipsTransferred: 0,
    perUser,
    invitationsRevoked: 0,
    promotions: [],
  };
  if (ids.length === 0) return result;
  const bump = (userId: string | null | undefined, key: keyof DepartureCounts) => {
    const counts = userId ? perUser.get(userId) : undefined;
    if (counts) counts[key] += 1;
  };

  const readMemberships = async (): Promise<Membership[]> =>
    (
      await tx.membership.findMany({
        where: { userId: { in: ids } },
        select: {
          organizationId: true,
          userId: true,
          role: true,
          organization: { select: { personal: true } },
        },
      })
    ).map(({ organization, ...m }) => ({ ...m, personal: organization.personal }));
  const orgIdsOf = (list: Membership[]) => [...new Set(list.map((m) => m.organizationId))].sort();

  // The lock every membership change takes; read again once held, so a role change committed
  // before we held it counts. A membership added meanwhile may name an organization not yet locked.
  const locked = orgIdsOf(await readMemberships());
  await lockOrganizations(tx, locked);
  const memberships = await readMemberships();
  const orgIds = orgIdsOf(memberships);
  if (orgIds.some((id) => !locked.includes(id))) await lockOrganizations(tx, orgIds);

  const audits: AuditEntry[] = [];
  const toDelete: string[] = [];
  for (const organizationId of orgIds) {
    const leaving = memberships.filter((m) => m.organizationId === organizationId);
    const outcome = await settle(tx, organizationId, leaving, ids);
    if (outcome.kind === 'delete') {
      toDelete.push(organizationId);
      for (const m of leaving) bump(m.userId, 'organizationsDeleted');
      audits.push({
        actorId: null,
        action: 'org.deleted',
        organizationId,
        targetType: 'organization',
        targetId: organizationId,
        meta: null,
        before: { personal: leaving[0]?.personal ?? false, reason },
        after: null,
      });
    } else if (outcome.kind === 'promote') {
      const from = leaving.find((m) => m.role === 'owner')?.userId ?? null;
      bump(from, 'ownershipsTransferred');
      result.ownershipsTransferred += 1;
      result.promotions.push({ organizationId, userId: outcome.userId, previousRole: outcome.previousRole });
      audits.push({
        actorId: null,
        action: 'org.ownership_transferred',
        organizationId,
        targetType: 'user',
        targetId: outcome.userId,
        meta: null,
        before: { from, fromRole: 'owner', to: outcome.userId, toRole: outcome.previousRole },
        after: { from: null, to: outcome.userId, toRole: 'owner', reason },
      });
    }
  }

  if (toDelete.length > 0) {
    // Cascades to their memberships, invitations and API keys; users who had one active fall
    // back to their personal organization (active_organization_id is SET NULL).
    await tx.organization.deleteMany({ where: { id: { in: toDelete } } });
  }
  result.organizationsDeleted = toDelete.length;
  // As when a member is removed: nobody can vouch for an invitation once its sender is gone.
  result.invitationsRevoked = await revokeInvitationsSentBy(tx, { senders: ids, role: null }, now);
  await recordAudits(tx, audits, now);
  return result;
}

/**
 * What happens to one organization when the accounts `departing` leave it (`leaving` are their
 * memberships in it):
 * - a personal organization goes with its account;
 * - an organization with no other member is deleted;
 * - one that would have no owner who can still sign in gets one: the other members who can sign
 *   in are preferred, admins before members, longest-standing first. If none can, an owner row is
 *   still kept (any remaining member), so no organization is ever left without an owner. (A
 *   chosen transfer, `transferOwnership`, refuses such an account instead: its caller can pick
 *   another member; an account that goes away cannot.)
 */
async function settle(
  tx: Tx,
  organizationId: string,
  leaving: Membership[],
  departing: string[],
): Promise<Outcome> {
  if (leaving.some((m) => m.personal && m.role === 'owner')) return { kind: 'delete' };
  if (!leaving.some((m) => m.role === 'owner')) {
    const others = await tx.membership.count({ where: { organizationId, userId: { notIn: departing } } });
    return others === 0 ? { kind: 'delete' } : { kind: 'keep' };
  }
  const rest = await tx.$queryRaw<{ user_id: string; role: OrgRole; usable: boolean }[]>`
    SELECT m.user_id, m.role::text AS role, (u.deleted_at IS NULL AND u.disabled_at IS NULL) AS usable
    FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.organization_id = ${organizationId}::uuid AND m.user_id <> ALL(${departing}::uuid[])
    ORDER BY usable DESC, m.role = 'owner' DESC, m.role = 'admin' DESC, m.created_at, m.id`;
  if (rest.length === 0) return { kind: 'delete' };
  // Sorted so that the first row is an owner only if there is a usable one, or no usable member at all.
  const [best] = rest;
  if (!best || best.role === 'owner') return { kind: 'keep' };
  await tx.membership.update({
    where: { organizationId_userId: { organizationId, userId: best.user_id } },
    data: { role: 'owner' },
  });
  return { kind: 'promote', userId: best.user_id, previousRole: best.role };
}
