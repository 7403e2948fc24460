import { recordAudits } from '@repo/audit';
import type { Db } from '@repo/db';
import type { Storage } from '@repo/storage';
import { objectKeysOf, rowKeysFor } from './keys';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Rows per round: each costs a few S3 calls, so a round stays short and a drain stops soon. */
const BATCH = 100;
/** An object younger than this may belong to an upload whose row is still being written. */
export const ORPHAN_MIN_AGE_MS = DAY_MS;
/** The prefixes file keys live under (docs/files.md); nothing else in the bucket is touched. */
export const FILE_PREFIXES = ['o/', 'u/'] as const;
/**
 * A completed upload still unchecked after this long lost its verify job (Redis lost it, or it
 * used up its retries while the bucket was down): housekeeping runs the check itself.
 */
export const STUCK_CHECK_MS = HOUR_MS;

export interface HousekeepingDeps {
  db: Db;
  storage: Storage;
  clock: () => Date;
  /** FILES_PENDING_TTL_HOURS */
  pendingTtlHours: number;
  /** FILES_DELETED_GRACE_DAYS */
  deletedGraceDays: number;
  /** Checked between rounds: a draining worker stops early, the next run continues. */
  stopping?: () => boolean;
  /** Runs the `verify` check of one file (idempotent); for uploads whose job was lost. */
  recheck?: (fileId: string) => Promise<unknown>;
}

/**
 * `files.abort-stale`: uploads still `pending` after FILES_PENDING_TTL_HOURS were abandoned. Each
 * row is claimed first (pending → rejected `abandoned`, guarded, so a completion racing it loses
 * cleanly: `complete` needs a pending row), then its multipart upload is aborted and whatever
 * object it left deleted. The upload id stays on the row until the abort succeeded, so a failed
 * abort is retried by the purge of rejected rows.
 */
export async function abortStaleUploads(deps: HousekeepingDeps): Promise<{ aborted: number }> {
  let aborted = 0;
  for (;;) {
    const now = deps.clock();
    const cutoff = new Date(now.getTime() - deps.pendingTtlHours * HOUR_MS);
    const rows = await deps.db.file.findMany({
      where: { status: 'pending', createdAt: { lt: cutoff } },
      orderBy: { createdAt: 'asc' },
      take: BATCH,
      select: {
        id: true,
        key: true,
        organizationId: true,
        ownerUserId: true,
        name: true,
        multipartUploadId: true,
        createdAt: true,
      },
    });
    for (const row of rows) {
      const claimed = await deps.db.$transaction(async (tx) => {
        const moved = await tx.file.updateMany({
          where: { id: row.id, status: 'pending' },
          data: { status: 'rejected', rejectReason: 'abandoned' },
        });
        if (moved.count === 0) return false;
        await recordAudits(
          tx,
          [
            {
              actorId: null,
              action: 'file.rejected',
              organizationId: row.organizationId,
              targetType: 'file',
              targetId: row.id,
              meta: null,
              before: { status: 'pending' },
              after: { status: 'rejected', reason: 'abandoned', name: row.name, uploadedBy: row.ownerUserId },
            },
          ],
          now,
        );
        return true;
      });
      if (!claimed) continue;
      await removeObjects(deps, row);
      aborted += 1;
    }
    if (rows.length < BATCH || deps.stopping?.()) return { aborted };
  }
}

/**
 * Part of `files.abort-stale`: uploads completed more than STUCK_CHECK_MS ago and still
 * `uploaded` or `verified` are checked here and now. The check is guarded by the row's status,
 * so running it while a late verify job runs too is harmless. One round of the oldest, so a file
 * whose check keeps failing costs one attempt an hour.
 */
export async function recheckStuckUploads(deps: HousekeepingDeps): Promise<{ rechecked: number }> {
  if (!deps.recheck) return { rechecked: 0 };
  const cutoff = new Date(deps.clock().getTime() - STUCK_CHECK_MS);
  const rows = await deps.db.file.findMany({
    where: { status: { in: ['uploaded', 'verified'] }, completedAt: { lt: cutoff } },
    orderBy: { completedAt: 'asc' },
    take: BATCH,
    select: { id: true },
  });
  let rechecked = 0;
  for (const row of rows) {
    if (deps.stopping?.()) break;
    await deps.recheck(row.id);
    rechecked += 1;
  }
  return { rechecked };
}

/**
 * `files.purge-deleted`: rows `deleted` longer than FILES_DELETED_GRACE_DAYS ago, and `rejected`
 * ones last changed that long ago, lose their objects (original and variants, an open multipart
 * upload aborted) and then the row itself. No tombstone is kept: the audit log records the
 * upload, the deletion and the rejection; the row only existed to find the bytes.
 */
export async function purgeDeletedFiles(deps: HousekeepingDeps): Promise<{ purged: number }> {
  let purged = 0;
  for (;;) {
    const cutoff = new Date(deps.clock().getTime() - deps.deletedGraceDays * DAY_MS);
    const rows = await deps.db.file.findMany({
      where: {
        OR: [
          { status: 'deleted', deletedAt: { lte: cutoff } },
          { status: 'rejected', updatedAt: { lte: cutoff } },
        ],
      },
      orderBy: { createdAt: 'asc' },
      take: BATCH,
      select: { id: true, key: true, status: true, multipartUploadId: true },
    });
    for (const row of rows) {
      await removeObjects(deps, row);
      // Guarded by status: a row restored or changed meanwhile stays.
      const gone = await deps.db.file.deleteMany({ where: { id: row.id, status: row.status } });
      purged += gone.count;
    }
    if (rows.length < BATCH || deps.stopping?.()) return { purged };
  }
}

/**
 * Aborts the row's open multipart upload (if any) and deletes every object it may own: the
 * upload key, the verified copy and their variants, whichever of the keys the row names.
 */
async function removeObjects(
  deps: HousekeepingDeps,
  row: { id: string; key: string; multipartUploadId: string | null },
) {
  if (row.multipartUploadId) {
    await deps.storage.abortMultipart({ key: row.key, uploadId: row.multipartUploadId });
    await deps.db.file.updateMany({
      where: { id: row.id, multipartUploadId: row.multipartUploadId },
      data: { multipartUploadId: null },
    });
  }
  await deps.storage.deleteMany(objectKeysOf(row.key));
}

/**
 * `files.reconcile-orphans`: lists the bucket under the file prefixes and deletes objects older
 * than a day that no row names (a crash between an upload and its row, a row deleted by hand, a
 * restored database, and bytes posted again to an upload key after the file moved on to its
 * verified copy: `rowKeysFor`). Objects of rows in any status stay: those rows' own lifecycle
 * removes them. Each page of the listing is checked against the database in one query.
 */
export async function reconcileOrphans(
  deps: HousekeepingDeps,
): Promise<{ scanned: number; deleted: number }> {
  let scanned = 0;
  let deleted = 0;
  const cutoff = deps.clock().getTime() - ORPHAN_MIN_AGE_MS;
  for (const prefix of FILE_PREFIXES) {
    let page: string[] = [];
    const flush = async () => {
      const rowKeys = [...new Set(page.flatMap(rowKeysFor))];
      const known = await deps.db.file.findMany({ where: { key: { in: rowKeys } }, select: { key: true } });
      const kept = new Set(known.map((f) => f.key));
      const orphans = page.filter((key) => !rowKeysFor(key).some((k) => kept.has(k)));
      await deps.storage.deleteMany(orphans);
      deleted += orphans.length;
      page = [];
    };
    for await (const object of deps.storage.list(prefix)) {
      scanned += 1;
      if (object.lastModified.getTime() > cutoff) continue;
      page.push(object.key);
      if (page.length >= 1000) {
        await flush();
        if (deps.stopping?.()) return { scanned, deleted };
      }
    }
    if (page.length > 0) await flush();
  }
  return { scanned, deleted };
}
