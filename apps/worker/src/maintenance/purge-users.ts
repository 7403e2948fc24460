import { type AuditEntry, recordAudits } from '@repo/audit';
import type { Db, Tx } from '@repo/db';
import { settleDepartingAccounts } from '@repo/organizations';
import { memberRef, publishEvent } from '@repo/outbox';

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
  await publishDepartures(tx, ids, now);

  // What happens to their organizations (deleted with them, or a new owner), their pending
  // invitations withdrawn, and the audit rows of both: the rules of @repo/organizations, the
  // same lock and "usable owner" the API's membership changes use.
  const settled = await settleDepartingAccounts(tx, ids, { now, reason: 'account_purged' });
  // A member made owner so an organization keeps one: its webhooks hear of it as of any role change.
  for (const { organizationId, userId, previousRole } of settled.promotions) {
    const member = await memberRef(tx, organizationId, userId);
    await publishEvent(
      tx,
      { type: 'member.role_changed', organizationIds: [organizationId], data: { member, previousRole } },
      now,
    );
  }

  // Their avatars go with them: deleted now, so the files purge removes the objects after its
  // grace period (files they uploaded to an organization stay: they are the organization's).
  await tx.file.updateMany({
    where: { ownerUserId: { in: ids }, purpose: 'avatar', status: { not: 'deleted' } },
    data: { status: 'deleted', deletedAt: now },
  });

  // Cascades to sessions, tokens, second factor, identities and memberships; audit rows, API keys,
  // invitations and flags they touched keep their history with the reference SET NULL.
  const deleted = await tx.user.deleteMany({ where: { id: { in: ids } } });
  const audits: AuditEntry[] = users.map((user) => ({
    actorId: null,
    action: 'admin.user_purged',
    targetType: 'user',
    targetId: user.id,
    // Nothing personal: the account asked to be forgotten, only its id and dates remain.
    meta: null,
    before: { deletedAt: user.deleted_at.toISOString() },
    after: { purgedAt: now.toISOString(), ...settled.perUser.get(user.id) },
  }));
  // The same typed, redacting writer as every API audit row (@repo/audit).
  await recordAudits(tx, audits, now);

  result.purged = deleted.count;
  result.organizationsDeleted = settled.organizationsDeleted;
  result.ownershipsTransferred = settled.ownershipsTransferred;
  return result;
}

/**
 * Tells each organization's webhooks that the member is gone (`member.removed`, reason
 * `account_deleted`) and that the account is (`user.deleted`, its id only), in the purge's
 * transaction. Read before the memberships cascade away.
 */
async function publishDepartures(tx: Tx, userIds: string[], now: Date) {
  const memberships = await tx.membership.findMany({
    where: { userId: { in: userIds } },
    select: { organizationId: true, role: true, user: { select: { id: true, email: true, name: true } } },
  });
  const orgsOf = new Map<string, string[]>();
  for (const m of memberships) {
    const member = { userId: m.user.id, email: m.user.email, name: m.user.name, role: m.role };
    await publishEvent(
      tx,
      {
        type: 'member.removed',
        organizationIds: [m.organizationId],
        data: { member, reason: 'account_deleted' },
      },
      now,
    );
    orgsOf.set(m.user.id, [...(orgsOf.get(m.user.id) ?? []), m.organizationId]);
  }
  for (const [userId, organizationIds] of orgsOf) {
    await publishEvent(tx, { type: 'user.deleted', organizationIds, data: { user: { id: userId } } }, now);
  }
}
