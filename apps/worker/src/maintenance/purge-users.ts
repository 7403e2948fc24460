import { type AuditEntry, recordAudits } from '@repo/audit';
import type { Db, Tx } from '@repo/db';

export interface PurgeUsersDeps {
  db: Db;
  /** USER_DELETION_GRACE_DAYS: accounts deleted longer ago than this are purged. */
  graceDays: number;
  clock: () => Date;
  /** Accounts per transaction: small enough to keep locks short, large enough to drain quickly. */
  batchSize?: number;
  /** Checked between batches: a draining worker stops early, the next run continues. */
  stopping?: () => boolean;
}

export interface PurgeResult {
  purged: number;
  organizationsDeleted: number;
  ownershipsTransferred: number;
}

const DAY_MS = 86_400_000;
/** Generous: a batch touches a few rows per account, but a shared box can be slow. */
const TX_OPTIONS = { maxWait: 10_000, timeout: 120_000 };

type Membership = { organizationId: string; userId: string; role: string; personal: boolean };

/**
 * Hard-deletes accounts whose soft deletion is older than the grace period (docs/admin.md).
 * Batches of accounts are claimed with FOR UPDATE SKIP LOCKED, each batch in one transaction:
 * two workers running at once take disjoint batches, and a crash rolls its batch back whole, to
 * be purged by the next run. A second run finds nothing left to do.
 */
export async function purgeDeletedUsers(deps: PurgeUsersDeps): Promise<PurgeResult> {
  const total: PurgeResult = { purged: 0, organizationsDeleted: 0, ownershipsTransferred: 0 };
  const limit = deps.batchSize ?? 100;
  for (;;) {
    const now = deps.clock();
    const cutoff = new Date(now.getTime() - deps.graceDays * DAY_MS);
    const batch = await deps.db.$transaction((tx) => purgeBatch(tx, cutoff, limit, now), TX_OPTIONS);
    total.purged += batch.purged;
    total.organizationsDeleted += batch.organizationsDeleted;
    total.ownershipsTransferred += batch.ownershipsTransferred;
    if (batch.claimed < limit || deps.stopping?.()) return total;
  }
}

async function purgeBatch(tx: Tx, cutoff: Date, limit: number, now: Date) {
  const users = await tx.$queryRaw<{ id: string; deleted_at: Date }[]>`
    SELECT id, deleted_at FROM users
    WHERE deleted_at IS NOT NULL AND deleted_at <= ${cutoff}
    ORDER BY deleted_at, id
    LIMIT ${limit}
    FOR UPDATE SKIP LOCKED`;
  const result = { claimed: users.length, purged: 0, organizationsDeleted: 0, ownershipsTransferred: 0 };
  if (users.length === 0) return result;
  const ids = users.map((u) => u.id);

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
    ).map((m) => ({ ...m, personal: m.organization.personal }));
  const orgIdsOf = (list: Membership[]) => [...new Set(list.map((m) => m.organizationId))].sort();
  // The same lock every membership change takes (lockOrganization in the API), in id order so two
  // purges sharing organizations cannot deadlock; "who else is an owner" holds until commit.
  const lock = async (orgIds: string[]) => {
    if (orgIds.length === 0) return;
    await tx.$queryRaw`
      SELECT id FROM organizations WHERE id = ANY(${orgIds}::uuid[]) ORDER BY id FOR UPDATE`;
  };
  const locked = orgIdsOf(await readMemberships());
  await lock(locked);
  // Read again under the locks: a role change committed before we held them must count.
  const memberships = await readMemberships();
  const orgIds = orgIdsOf(memberships);
  if (orgIds.some((id) => !locked.includes(id))) await lock(orgIds);

  const audits: AuditEntry[] = [];
  const perUser = new Map(ids.map((id) => [id, { organizationsDeleted: 0, ownershipsTransferred: 0 }]));
  const orgsToDelete: string[] = [];
  for (const organizationId of orgIds) {
    const leaving = memberships.filter((m) => m.organizationId === organizationId);
    const outcome = await settleOrganization(tx, organizationId, leaving, ids);
    if (outcome.kind === 'delete') {
      orgsToDelete.push(organizationId);
      for (const m of leaving) bump(perUser, m.userId, 'organizationsDeleted');
      audits.push({
        actorId: null,
        action: 'org.deleted',
        organizationId,
        targetType: 'organization',
        targetId: organizationId,
        meta: null,
        before: { personal: leaving[0]?.personal ?? false, reason: 'account_purged' },
        after: null,
      });
    } else if (outcome.kind === 'promote') {
      const from = leaving.find((m) => m.role === 'owner')?.userId ?? null;
      if (from) bump(perUser, from, 'ownershipsTransferred');
      audits.push({
        actorId: null,
        action: 'org.ownership_transferred',
        organizationId,
        targetType: 'user',
        targetId: outcome.userId,
        meta: null,
        before: { from, fromRole: 'owner', to: outcome.userId, toRole: outcome.previousRole },
        after: { from: null, to: outcome.userId, toRole: 'owner', reason: 'account_purged' },
      });
    }
  }

  if (orgsToDelete.length > 0) {
    // Cascades to their memberships, invitations and API keys; users who had one active fall
    // back to their personal organization (active_organization_id is SET NULL).
    await tx.organization.deleteMany({ where: { id: { in: orgsToDelete } } });
  }
  // Like a member removed from an organization (revokeInvitationsSentBy in the API): nobody
  // can vouch for an invitation any more once its sender is gone.
  await tx.invitation.updateMany({
    where: { invitedById: { in: ids }, acceptedAt: null, declinedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  // Cascades to sessions, tokens, second factor, identities and memberships; audit rows, API keys,
  // invitations and flags they touched keep their history with the reference SET NULL.
  const deleted = await tx.user.deleteMany({ where: { id: { in: ids } } });
  for (const user of users) {
    const counts = perUser.get(user.id);
    audits.push({
      actorId: null,
      action: 'admin.user_purged',
      targetType: 'user',
      targetId: user.id,
      // Nothing personal: the account asked to be forgotten, only its id and dates remain.
      meta: null,
      before: { deletedAt: user.deleted_at.toISOString() },
      after: { purgedAt: now.toISOString(), ...counts },
    });
  }
  // The same typed, redacting writer as every API audit row (@repo/audit).
  await recordAudits(tx, audits, now);

  result.purged = deleted.count;
  result.organizationsDeleted = orgsToDelete.length;
  result.ownershipsTransferred = audits.filter((a) => a.action === 'org.ownership_transferred').length;
  return result;
}

function bump(
  perUser: Map<string, { organizationsDeleted: number; ownershipsTransferred: number }>,
  userId: string,
  key: 'organizationsDeleted' | 'ownershipsTransferred',
) {
  const counts = perUser.get(userId);
  if (counts) counts[key] += 1;
}

type Outcome =
  | { kind: 'delete' }
  | { kind: 'keep' }
  | { kind: 'promote'; userId: string; previousRole: string };

/**
 * What happens to one organization when the accounts `purging` leave it:
 * - a personal organization goes with its account;
 * - an organization with no other member is deleted;
 * - one that would have no owner who can still sign in gets one: the other members who can sign
 *   in are preferred, admins before members, longest-standing first. If none can, an owner row is
 *   still kept (any remaining member), so no organization is ever left without an owner.
 */
async function settleOrganization(
  tx: Tx,
  organizationId: string,
  leaving: Membership[],
  purging: string[],
): Promise<Outcome> {
  if (leaving.some((m) => m.personal && m.role === 'owner')) return { kind: 'delete' };
  if (!leaving.some((m) => m.role === 'owner')) {
    const others = await tx.membership.count({ where: { organizationId, userId: { notIn: purging } } });
    return others === 0 ? { kind: 'delete' } : { kind: 'keep' };
  }
  const rest = await tx.$queryRaw<{ user_id: string; role: string; usable: boolean }[]>`
    SELECT m.user_id, m.role::text AS role, (u.deleted_at IS NULL AND u.disabled_at IS NULL) AS usable
    FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.organization_id = ${organizationId}::uuid AND m.user_id <> ALL(${purging}::uuid[])
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
