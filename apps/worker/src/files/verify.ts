import { recordAudit } from '@repo/audit';
import { allowedTypesFor, type FileRejectReason, type FileVariant, fileVariantKey } from '@repo/contracts';
import type { Db, Prisma, Tx } from '@repo/db';
import type { Logger } from '@repo/observability';
import { setOrganizationLogo } from '@repo/organizations';
import { publishEvent } from '@repo/outbox';
import type { Storage } from '@repo/storage';
import { canMakeVariants, makeVariants } from './images';
import { isVerifiedKey, objectKeysOf, uploadKeyOf, verifiedKeyOf } from './keys';
import { SNIFF_BYTES, sizeVerdict, verifyObject } from './verdict';

export interface FileLimits {
  /** FILES_MAX_BYTES: an organization file. */
  maxBytes: number;
  /** FILES_AVATAR_MAX_BYTES: an avatar or an organization logo. */
  avatarMaxBytes: number;
  /** FILES_MAX_IMAGE_PIXELS: images with more are rejected before decoding. */
  maxImagePixels: number;
}

export interface VerifyDeps {
  db: Db;
  storage: Storage;
  limits: FileLimits;
  clock: () => Date;
  logger: Logger;
}

export type VerifyOutcome =
  | { outcome: 'ready'; variants: FileVariant[] }
  | { outcome: 'rejected'; reason: FileRejectReason }
  /** Nothing to do: no such file, or it is not (or no longer) waiting for a check. */
  | { outcome: 'skipped'; status: string | null };

type FileRow = NonNullable<Awaited<ReturnType<Db['file']['findUnique']>>>;

const IN_CHECK = ['uploaded', 'verified'] as const;
/** Variants never change under a key (a new upload is a new file id): caches may keep them. */
const VARIANT_CACHE_CONTROL = 'private, max-age=31536000, immutable';
/**
 * The check runs under a lock on the file's row and may copy an object of up to
 * FILES_MULTIPART_THRESHOLD bytes (server side) meanwhile.
 */
const CHECK_TX = { timeout: 60_000, maxWait: 10_000 };
/** Copies refused because the upload changed under the check (real S3's 412): look again. */
const COPY_ATTEMPTS = 3;

/**
 * The `files` queue's `verify` job (docs/files.md, "Verification and images"): reads the
 * object's real size and first bytes, compares them with what the uploader declared, makes the
 * image variants, and moves the row uploaded → verified → ready, or to rejected with the object
 * and its variants deleted. A presigned POST's object is first copied to its verified key
 * (`keys.ts`), and only that copy is checked and served. Every step is guarded by the row's status,
 * so a run repeated after a crash (or a retry) redoes what is missing and never publishes twice; a
 * rejected file's objects are deleted again on every run, so a crash between the two leaves
 * nothing behind.
 */
export async function verifyFile(deps: VerifyDeps, fileId: string): Promise<VerifyOutcome> {
  const file = await deps.db.file.findUnique({ where: { id: fileId } });
  if (!file) return { outcome: 'skipped', status: null };
  if (file.status === 'rejected') {
    await deps.storage.deleteMany(objectKeysOf(file.key));
    return { outcome: 'rejected', reason: (file.rejectReason ?? 'type_mismatch') as FileRejectReason };
  }
  if (!(IN_CHECK as readonly string[]).includes(file.status))
    return { outcome: 'skipped', status: file.status };

  const checked = await deps.db.$transaction((tx) => check(deps, tx, file.id), CHECK_TX);
  if (checked.result === 'skipped') return skippedNow(deps, file.id);
  if (checked.result === 'rejected') {
    return reject(deps, file, checked.reason, checked.size === undefined ? {} : { size: checked.size });
  }
  const { key, size, detectedType } = checked;
  // The row names the verified copy now: the upload key is never served again. A POST still
  // valid could put it back; the orphan reconcile deletes it then.
  if (isVerifiedKey(key)) await deps.storage.delete(uploadKeyOf(key));

  const variants: Partial<Record<FileVariant, string>> = {};
  const image = file.purpose !== 'org_file';
  if (image || canMakeVariants(detectedType)) {
    const bytes = await deps.storage.getRange(key, size);
    if (!bytes) return reject(deps, file, 'missing');
    // A view, not a copy: the object may be tens of MB.
    const made = await makeVariants(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      image ? 'square' : 'thumb',
      deps.limits.maxImagePixels,
    );
    if (!made.ok && (image || made.reason === 'image_too_large')) {
      return reject(deps, file, 'image_invalid', { size, detail: made.reason });
    }
    if (!made.ok) {
      // A library file is still the uploader's file when it cannot be previewed: ready, no thumbnail.
      deps.logger.info({ fileId: file.id, reason: made.reason }, 'no preview for an undecodable image');
    } else {
      for (const variant of made.variants) {
        const name = variant.name as FileVariant;
        const variantKey = fileVariantKey(key, name);
        await deps.storage.put({
          key: variantKey,
          body: variant.body,
          contentType: 'image/webp',
          cacheControl: VARIANT_CACHE_CONTROL,
        });
        variants[name] = variantKey;
      }
    }
  }

  const now = deps.clock();
  const ready = await deps.db.$transaction(async (tx) => {
    const moved = await tx.file.updateMany({
      where: { id: file.id, status: 'verified', key },
      data: { status: 'ready', readyAt: now, variants: variants as Prisma.InputJsonObject },
    });
    if (moved.count === 0) return false;
    const current = { ...file, key, status: 'ready' as const, size: BigInt(size), detectedType };
    await onReady(tx, current, now);
    return true;
  });
  if (!ready) return skippedNow(deps, file.id);
  return { outcome: 'ready', variants: Object.keys(variants) as FileVariant[] };
}

type Checked =
  | { result: 'verified'; key: string; size: number; detectedType: string | null }
  | { result: 'rejected'; reason: FileRejectReason; size?: number }
  | { result: 'skipped' };

/**
 * The check, under a lock on the file's row (two runs of one file, a job and housekeeping's
 * recheck, take turns): a presigned POST's object is copied to the verified key first, then the
 * object the row will name is judged, and a good one is marked `verified` with that key, its real
 * size and type in one guarded update. A rejection is only returned: `reject` records it.
 */
async function check(deps: VerifyDeps, tx: Tx, fileId: string): Promise<Checked> {
  await tx.$queryRaw`SELECT id FROM files WHERE id = ${fileId}::uuid FOR UPDATE`;
  const file = await tx.file.findUnique({ where: { id: fileId } });
  if (!file || !(IN_CHECK as readonly string[]).includes(file.status)) return { result: 'skipped' };
  const image = file.purpose !== 'org_file';
  const limit = {
    declaredSize: Number(file.declaredSize),
    maxBytes: image ? deps.limits.avatarMaxBytes : deps.limits.maxBytes,
  };

  let key = file.key;
  // A completed multipart upload cannot be written again; a presigned POST (no part size) can.
  if (file.partSize === null && !isVerifiedKey(key)) {
    const copied = await copyToVerifiedKey(deps, key, limit);
    if (copied.result !== 'copied') return copied;
    key = copied.key;
  }

  const head = await deps.storage.head(key);
  if (!head) return { result: 'rejected', reason: 'missing' };
  const first = head.size > 0 ? await deps.storage.getRange(key, SNIFF_BYTES) : new Uint8Array();
  if (!first) return { result: 'rejected', reason: 'missing' };
  const verdict = await verifyObject({
    head: first,
    size: head.size,
    declaredType: file.declaredType,
    ...limit,
    ...(image ? { allowedTypes: allowedTypesFor(file.purpose) ?? [] } : {}),
  });
  if (!verdict.ok) return { result: 'rejected', reason: verdict.reason, size: head.size };

  await tx.file.update({
    where: { id: fileId },
    data: { status: 'verified', key, size: head.size, detectedType: verdict.detectedType },
  });
  return { result: 'verified', key, size: head.size, detectedType: verdict.detectedType };
}

/**
 * Copies the uploaded object to its verified key, as it was when its size was read: the ETag of
 * that HeadObject is the copy's CopySourceIfMatch, so on S3 a POST that replaced the object
 * meanwhile makes the copy fail, and the object is looked at again. A server that ignores the
 * condition (s3rver) may copy the replacement: whatever was copied is then what `check` judges.
 * An object of the wrong size is not worth copying and is rejected here.
 */
async function copyToVerifiedKey(
  deps: VerifyDeps,
  uploadKey: string,
  limit: { declaredSize: number; maxBytes: number },
): Promise<{ result: 'copied'; key: string } | Extract<Checked, { result: 'rejected' }>> {
  const to = verifiedKeyOf(uploadKey);
  for (let attempt = 1; attempt <= COPY_ATTEMPTS; attempt++) {
    const head = await deps.storage.head(uploadKey);
    if (!head) return { result: 'rejected', reason: 'missing' };
    const wrongSize = sizeVerdict({ size: head.size, ...limit });
    if (wrongSize) return { result: 'rejected', reason: wrongSize, size: head.size };
    const copied = await deps.storage.copy({
      from: uploadKey,
      to,
      ...(head.etag ? { ifMatch: head.etag } : {}),
    });
    if (copied) return { result: 'copied', key: to };
  }
  // Replaced on every attempt: the job's retry (with backoff) looks again.
  throw new Error(`the upload ${uploadKey} kept changing while it was copied`);
}

async function skippedNow(deps: VerifyDeps, fileId: string): Promise<VerifyOutcome> {
  const row = await deps.db.file.findUnique({ where: { id: fileId }, select: { status: true } });
  return { outcome: 'skipped', status: row?.status ?? null };
}

/**
 * Marks the file rejected (guarded: only from a status still in check), audits it, then deletes
 * the object and every variant. The row changes first: if the deletion fails the job is retried,
 * and the retry, finding the row rejected, deletes again.
 */
async function reject(
  deps: VerifyDeps,
  file: FileRow,
  reason: FileRejectReason,
  extra: { size?: number; detail?: string } = {},
): Promise<VerifyOutcome> {
  const now = deps.clock();
  const changed = await deps.db.$transaction(async (tx) => {
    const moved = await tx.file.updateMany({
      where: { id: file.id, status: { in: [...IN_CHECK] } },
      data: {
        status: 'rejected',
        rejectReason: reason,
        variants: {},
        ...(extra.size !== undefined ? { size: extra.size } : {}),
      },
    });
    if (moved.count === 0) return false;
    await recordAudit(
      tx,
      {
        actorId: null,
        action: 'file.rejected',
        organizationId: file.organizationId,
        targetType: 'file',
        targetId: file.id,
        meta: null,
        before: { status: file.status },
        after: {
          status: 'rejected',
          reason,
          ...(extra.detail ? { detail: extra.detail } : {}),
          name: file.name,
          declaredType: file.declaredType,
          uploadedBy: file.ownerUserId,
        },
      },
      now,
    );
    return true;
  });
  if (!changed) return skippedNow(deps, file.id);
  deps.logger.info({ fileId: file.id, reason, detail: extra.detail }, 'file rejected');
  await deps.storage.deleteMany(objectKeysOf(file.key));
  return { outcome: 'rejected', reason };
}

type ReadyFile = FileRow & { status: 'ready'; size: bigint };

/** What a file becoming ready changes: the owner's avatar, the organization's logo, or the public event. */
async function onReady(tx: Tx, file: ReadyFile, now: Date) {
  if (file.purpose === 'avatar') return swapAvatar(tx, file, now);
  if (file.purpose === 'org_file') return publishUploaded(tx, file, now);
  if (!file.organizationId) return retire(tx, file.id, now);
  // Organization rows are written by @repo/organizations' rules (ADR 0024).
  await setOrganizationLogo(
    tx,
    { organizationId: file.organizationId, fileId: file.id, actorId: file.ownerUserId },
    now,
  );
}

/**
 * Whether `candidate` was uploaded after `current`: uploads finishing out of order must not put
 * an older picture back. Ids are UUIDv7, so they order by creation where timestamps tie.
 */
const newer = (candidate: { createdAt: Date; id: string }, current: { createdAt: Date; id: string }) =>
  candidate.createdAt.getTime() !== current.createdAt.getTime()
    ? candidate.createdAt > current.createdAt
    : candidate.id > current.id;

/** Deleted now; the objects go with the next purge after the grace period. */
const retire = (tx: Tx, id: string, now: Date) =>
  tx.file.updateMany({
    where: { id, status: { not: 'deleted' } },
    data: { status: 'deleted', deletedAt: now },
  });

/**
 * The new avatar replaces the shown one in the same transaction that made it ready, so a user is
 * never shown a file that is not ready. The user's row is locked: two uploads finishing together
 * take turns, and the later upload wins whichever finishes first.
 */
async function swapAvatar(tx: Tx, file: ReadyFile, now: Date) {
  const owner = file.ownerUserId;
  const [user] = owner
    ? await tx.$queryRaw<{ avatar_file_id: string | null }[]>`
        SELECT avatar_file_id FROM users WHERE id = ${owner}::uuid FOR UPDATE`
    : [];
  if (!owner || !user) {
    await retire(tx, file.id, now);
    return;
  }
  const previous = user.avatar_file_id
    ? await tx.file.findUnique({ where: { id: user.avatar_file_id }, select: { id: true, createdAt: true } })
    : null;
  if (previous && !newer(file, previous)) {
    await retire(tx, file.id, now);
    return;
  }
  await tx.user.update({ where: { id: owner }, data: { avatarFileId: file.id } });
  if (previous) await retire(tx, previous.id, now);
  await recordAudit(
    tx,
    {
      actorId: owner,
      action: 'avatar.changed',
      targetType: 'user',
      targetId: owner,
      meta: null,
      before: { avatarFileId: previous?.id ?? null },
      after: { avatarFileId: file.id },
    },
    now,
  );
}

/** The public `file.uploaded` event, for library files only, in the transaction that made it ready. */
async function publishUploaded(tx: Tx, file: ReadyFile, now: Date) {
  if (!file.organizationId) return;
  const uploader = file.ownerUserId
    ? await tx.user.findUnique({ where: { id: file.ownerUserId }, select: { id: true, name: true } })
    : null;
  await publishEvent(
    tx,
    {
      type: 'file.uploaded',
      organizationIds: [file.organizationId],
      data: {
        file: {
          id: file.id,
          name: file.name,
          contentType: file.detectedType ?? file.declaredType,
          size: Number(file.size),
          uploadedBy: uploader ? { id: uploader.id, name: uploader.name } : null,
        },
      },
    },
    now,
  );
}
