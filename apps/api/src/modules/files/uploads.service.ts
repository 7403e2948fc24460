import { randomUUID } from 'node:crypto';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { recordAudit } from '@repo/audit';
import {
  type CompleteUploadBody,
  type FilePurpose,
  type FileRejectReason,
  type FileView,
  fileObjectKey,
  isTypeAllowed,
  type StartUploadResponse,
  sanitizeFileName,
} from '@repo/contracts';
import type { Tx } from '@repo/db';
import { lockOrganizations } from '@repo/organizations';
import { writeOutboxEvent } from '@repo/outbox';
import { AppError } from '../../errors';
import type { RequestMeta } from '../../lib/request-meta';
import { clockOf } from '../../types';
import {
  type FileRow,
  type FilesDeps,
  fileNotFound,
  fileSelect,
  maxBytesFor,
  PART_URL_TTL_SECONDS,
  POST_URL_TTL_SECONDS,
  toFile,
  usedBytes,
} from './files.shared';

/** Whose upload it is: the organization (null for an avatar) and the uploader (null for an API key). */
export interface UploadScope {
  organizationId: string | null;
  userId: string | null;
  apiKeyId: string | null;
  /** files:manage: may act on other members' uploads of the organization (owners, admins, keys). */
  canManage: boolean;
}

export interface StartUpload {
  name: string;
  size: number;
  type: string;
  purpose: FilePurpose;
}

const MiB = 1024 * 1024;

/** Refusals at presign time, in the order a client would want to hear them. */
function assertAcceptable(deps: FilesDeps, input: StartUpload): void {
  if (input.size === 0) throw new AppError('empty_file', 'The file is empty (0 bytes).');
  const max = maxBytesFor(deps.env, input.purpose);
  if (input.size > max) {
    throw new AppError('file_too_large', `Files of this kind may be at most ${Math.floor(max / MiB)} MiB.`);
  }
  if (!isTypeAllowed(input.purpose, input.type)) {
    throw new AppError('file_type_not_allowed', 'Only PNG, JPEG, WebP and GIF images are accepted here.');
  }
}

function quotaExceeded(): AppError {
  return new AppError('storage_quota_exceeded', 'The organization’s storage quota would be exceeded.');
}

/**
 * Inserts the `pending` row if the organization's usage plus the declared size fits the quota,
 * in one statement: presigning is the hot path of uploads (bench/files.ts), so it makes one
 * round trip, not a locked transaction. Two presigns racing may both fit here; completion
 * re-checks under the organization lock, and that check is the one that holds.
 */
async function insertPending(
  deps: FilesDeps,
  p: {
    id: string;
    scope: UploadScope;
    input: StartUpload;
    key: string;
    name: string;
    uploadId: string | null;
    partSize: number | null;
    now: Date;
  },
): Promise<FileRow> {
  const { scope, input } = p;
  const quota = BigInt(deps.env.FILES_ORG_QUOTA_BYTES);
  const size = BigInt(input.size);
  const rows = await deps.db.$queryRaw<{ inserted: number; owner_name: string | null }[]>`
    WITH usage AS (
      SELECT COALESCE(SUM(COALESCE(size, declared_size)), 0)::bigint AS used
      FROM files
      WHERE organization_id = ${scope.organizationId}::uuid
        AND status IN ('pending', 'uploaded', 'verified', 'ready')
    ), ins AS (
      INSERT INTO files (id, organization_id, owner_user_id, purpose, status, key, name, declared_type,
                         declared_size, multipart_upload_id, part_size, created_at, updated_at)
      SELECT ${p.id}::uuid, ${scope.organizationId}::uuid, ${scope.userId}::uuid,
             ${input.purpose}::file_purpose, 'pending', ${p.key}, ${p.name}, ${input.type},
             ${size}, ${p.uploadId}, ${p.partSize}::int, ${p.now}, ${p.now}
      FROM usage
      WHERE ${scope.organizationId}::uuid IS NULL OR usage.used + ${size} <= ${quota}
      RETURNING id
    )
    SELECT (SELECT count(*) FROM ins)::int AS inserted,
           (SELECT name FROM users WHERE id = ${scope.userId}::uuid) AS owner_name`;
  if (rows[0]?.inserted !== 1) throw quotaExceeded();
  const ownerName = rows[0]?.owner_name ?? null;
  return {
    id: p.id,
    organizationId: scope.organizationId,
    ownerUserId: scope.userId,
    purpose: input.purpose,
    status: 'pending',
    key: p.key,
    name: p.name,
    declaredType: input.type,
    declaredSize: size,
    size: null,
    detectedType: null,
    rejectReason: null,
    multipartUploadId: p.uploadId,
    partSize: p.partSize,
    variants: null,
    createdAt: p.now,
    completedAt: null,
    readyAt: null,
    owner: scope.userId && ownerName !== null ? { id: scope.userId, name: ownerName } : null,
  };
}

/**
 * Starts an upload: a `pending` row with a server-generated key, then either one presigned POST
 * (up to FILES_MULTIPART_THRESHOLD, or always for avatars and logos) or an S3 multipart upload
 * whose parts are signed one batch at a time. The declared size counts against the quota at once.
 */
export async function startUpload(
  deps: FilesDeps,
  scope: UploadScope,
  input: StartUpload,
): Promise<StartUploadResponse> {
  assertAcceptable(deps, input);
  const now = clockOf(deps).now();
  const id = randomUUID();
  const key = fileObjectKey({
    id,
    purpose: input.purpose,
    organizationId: scope.organizationId,
    ownerUserId: scope.userId ?? '',
  });
  const name = sanitizeFileName(input.name);
  const multipart = input.purpose === 'org_file' && input.size > deps.env.FILES_MULTIPART_THRESHOLD;
  // Open the multipart upload first: if S3 fails, no row is left behind.
  const uploadId = multipart ? await deps.storage.createMultipart({ key, contentType: input.type }) : null;
  const partSize = deps.env.FILES_PART_SIZE;
  let row: FileRow;
  try {
    row = await insertPending(deps, {
      id,
      scope,
      input,
      key,
      name,
      uploadId,
      partSize: multipart ? partSize : null,
      now,
    });
  } catch (error) {
    if (uploadId) await deps.storage.abortMultipart({ key, uploadId }).catch(() => undefined);
    throw error;
  }
  const file = toFile(row);
  if (uploadId) {
    return {
      file,
      method: 'multipart',
      uploadId,
      partSize,
      partCount: Math.ceil(input.size / partSize),
    };
  }
  const post = await deps.storage.presignPost({
    key,
    contentType: input.type,
    // The policy pins the exact size; servers that ignore policies are caught at completion.
    minBytes: input.size,
    maxBytes: input.size,
    expiresInSeconds: POST_URL_TTL_SECONDS,
  });
  return {
    file,
    method: 'post',
    url: post.url,
    fields: post.fields,
    expiresAt: post.expiresAt.toISOString(),
  };
}

/**
 * An upload of this scope, or 404: another organization's file, someone else's avatar and an id
 * the server never issued all look the same. Inside an organization, another member's upload is
 * 403 unless the caller may manage files (files:manage).
 */
export async function findOwnUpload(deps: FilesDeps, scope: UploadScope, fileId: string): Promise<FileRow> {
  const row = await deps.db.file.findFirst({
    where: scope.organizationId
      ? { id: fileId, organizationId: scope.organizationId, purpose: { in: ['org_file', 'org_logo'] } }
      : { id: fileId, organizationId: null, ownerUserId: scope.userId, purpose: 'avatar' },
    select: fileSelect,
  });
  if (!row) throw fileNotFound();
  if (row.ownerUserId !== scope.userId && !scope.canManage) {
    throw new AppError('forbidden', 'Only the uploader, or an owner or admin, can act on this upload.');
  }
  return row;
}

function openMultipart(row: FileRow): { uploadId: string; partSize: number } {
  if (row.status !== 'pending') throw new AppError('upload_not_pending', 'This upload is no longer open.');
  if (!row.multipartUploadId || !row.partSize) {
    throw new AppError('bad_request', 'This upload is a single POST, not a multipart upload.');
  }
  return { uploadId: row.multipartUploadId, partSize: row.partSize };
}

export async function signParts(deps: FilesDeps, scope: UploadScope, fileId: string, partNumbers: number[]) {
  const row = await findOwnUpload(deps, scope, fileId);
  const { uploadId, partSize } = openMultipart(row);
  const partCount = Math.ceil(Number(row.declaredSize) / partSize);
  const unique = [...new Set(partNumbers)].sort((a, b) => a - b);
  const beyond = unique.find((n) => n > partCount);
  if (beyond !== undefined) {
    throw new AppError('validation_failed', `This upload has ${partCount} parts.`, {
      errors: [
        {
          path: 'partNumbers',
          code: 'too_big',
          message: `Part ${beyond} is beyond the last part (${partCount}).`,
        },
      ],
    });
  }
  const now = clockOf(deps).now();
  const parts = await Promise.all(
    unique.map(async (partNumber) => ({
      partNumber,
      url: await deps.storage.signPart({
        key: row.key,
        uploadId,
        partNumber,
        expiresInSeconds: PART_URL_TTL_SECONDS,
      }),
    })),
  );
  return { parts, expiresAt: new Date(now.getTime() + PART_URL_TTL_SECONDS * 1000).toISOString() };
}

/** What the bucket already holds of a multipart upload (ListParts): how a reloaded page resumes. */
export async function uploadedParts(deps: FilesDeps, scope: UploadScope, fileId: string) {
  const row = await findOwnUpload(deps, scope, fileId);
  const { uploadId } = openMultipart(row);
  return { parts: await deps.storage.listParts({ key: row.key, uploadId }) };
}

/** The caller's uploads still open in this scope, newest first (for resuming after a reload). */
export async function pendingUploads(deps: FilesDeps, scope: UploadScope) {
  const rows = await deps.db.file.findMany({
    where: {
      organizationId: scope.organizationId,
      ownerUserId: scope.userId,
      status: 'pending',
      purpose: scope.organizationId ? { in: ['org_file', 'org_logo'] } : 'avatar',
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 100,
    select: fileSelect,
  });
  return { files: rows.map(toFile) };
}

/** Ends an upload as rejected, its object (if any) deleted; the row stays for the audit trail. */
async function reject(
  deps: FilesDeps,
  meta: RequestMeta,
  scope: UploadScope,
  row: FileRow,
  reason: FileRejectReason,
  details: Record<string, unknown> = {},
): Promise<void> {
  const now = clockOf(deps).now();
  await deps.storage.delete(row.key);
  await deps.db.$transaction(async (tx) => {
    await tx.file.update({
      where: { id: row.id },
      data: { status: 'rejected', rejectReason: reason, multipartUploadId: null },
    });
    await recordAudit(
      tx,
      {
        actorId: scope.userId,
        action: reason === 'aborted' ? 'file.upload_aborted' : 'file.rejected',
        organizationId: row.organizationId,
        targetType: 'file',
        targetId: row.id,
        meta,
        after: {
          name: row.name,
          reason,
          ...details,
          ...(scope.apiKeyId ? { apiKeyId: scope.apiKeyId } : {}),
        },
      },
      now,
    );
  });
}

const isS3Error = (error: unknown, ...names: string[]) =>
  error instanceof S3ServiceException && names.includes(error.name);

/**
 * Completes an upload. Whatever the client or the bucket's policy enforcement did, the object's
 * real size (HeadObject) must equal the declared one and fit the purpose limit and the quota;
 * otherwise the object is deleted and the file rejected with a stable code. A good upload becomes
 * `uploaded` and, in the same transaction, an outbox event asks the worker to verify it.
 * Completing again what is already complete answers the file as it is (retries are safe).
 */
export async function completeUpload(
  deps: FilesDeps,
  meta: RequestMeta,
  scope: UploadScope,
  fileId: string,
  body: CompleteUploadBody,
): Promise<{ file: FileView }> {
  const row = await findOwnUpload(deps, scope, fileId);
  if (row.status === 'uploaded' || row.status === 'verified' || row.status === 'ready')
    return { file: toFile(row) };
  if (row.status !== 'pending') throw new AppError('upload_not_pending', 'This upload is no longer open.');

  if (row.multipartUploadId) {
    const parts =
      body.parts ?? (await deps.storage.listParts({ key: row.key, uploadId: row.multipartUploadId }));
    if (parts.length === 0)
      throw new AppError('upload_incomplete', 'No part of this upload has arrived yet.');
    try {
      await deps.storage.completeMultipart({ key: row.key, uploadId: row.multipartUploadId, parts });
    } catch (error) {
      if (
        isS3Error(error, 'InvalidPart', 'InvalidPartOrder', 'EntityTooSmall', 'NoSuchUpload', 'MalformedXML')
      ) {
        throw new AppError('upload_incomplete', 'Some parts are missing or do not match: send them again.', {
          cause: error,
        });
      }
      throw error;
    }
  }

  const head = await deps.storage.head(row.key);
  if (!head) throw new AppError('upload_incomplete', 'The file has not arrived in storage yet.');
  const declared = Number(row.declaredSize);
  if (head.size === 0) {
    await reject(deps, meta, scope, row, 'empty');
    throw new AppError('empty_file', 'The file is empty (0 bytes).');
  }
  if (head.size > maxBytesFor(deps.env, row.purpose)) {
    await reject(deps, meta, scope, row, 'too_large', { size: head.size });
    throw new AppError('file_too_large', 'The uploaded file is larger than allowed.');
  }
  if (head.size !== declared) {
    await reject(deps, meta, scope, row, 'size_mismatch', { size: head.size, declaredSize: declared });
    throw new AppError(
      'upload_size_mismatch',
      `The uploaded file has ${head.size} bytes, not the ${declared} declared: it was discarded.`,
    );
  }

  const now = clockOf(deps).now();
  const completed = await deps.db.$transaction(async (tx) => {
    if (row.organizationId) {
      await lockOrganizations(tx, [row.organizationId]);
      const used = await usedBytes(tx, row.organizationId, row.id);
      if (used + head.size > deps.env.FILES_ORG_QUOTA_BYTES) return null;
    }
    return markUploaded(tx, meta, scope, row, head.size, now);
  });
  if (!completed) {
    await reject(deps, meta, scope, row, 'quota_exceeded', { size: head.size });
    throw quotaExceeded();
  }
  return { file: toFile(completed) };
}

async function markUploaded(
  tx: Tx,
  meta: RequestMeta,
  scope: UploadScope,
  row: FileRow,
  size: number,
  now: Date,
): Promise<FileRow> {
  // Conditional on `pending`: of two concurrent completions only one moves the file on.
  const moved = await tx.file.updateMany({
    where: { id: row.id, status: 'pending' },
    data: { status: 'uploaded', size: BigInt(size), completedAt: now, multipartUploadId: null },
  });
  const updated = await tx.file.findUniqueOrThrow({ where: { id: row.id }, select: fileSelect });
  if (moved.count === 0) return updated;
  await writeOutboxEvent(tx, 'file.uploaded_pending_check', { fileId: row.id }, now);
  await recordAudit(
    tx,
    {
      actorId: scope.userId,
      action: 'file.uploaded',
      organizationId: row.organizationId,
      targetType: 'file',
      targetId: row.id,
      meta,
      after: {
        name: row.name,
        size,
        type: row.declaredType,
        purpose: row.purpose,
        ...(scope.apiKeyId ? { apiKeyId: scope.apiKeyId } : {}),
      },
    },
    now,
  );
  return updated;
}

/** Cancels an open upload: the multipart upload is aborted (or the posted object deleted). */
export async function abortUpload(deps: FilesDeps, meta: RequestMeta, scope: UploadScope, fileId: string) {
  const row = await findOwnUpload(deps, scope, fileId);
  if (row.status !== 'pending') throw new AppError('upload_not_pending', 'This upload is no longer open.');
  if (row.multipartUploadId) {
    await deps.storage.abortMultipart({ key: row.key, uploadId: row.multipartUploadId });
  }
  await reject(deps, meta, scope, row, 'aborted');
}
