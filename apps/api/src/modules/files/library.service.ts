import { recordAudit } from '@repo/audit';
import { type FileListQuery, type FileView, isInlineSafeType, sanitizeFileName } from '@repo/contracts';
import type { Prisma } from '@repo/db';
import { publishEvent } from '@repo/outbox';
import type { z } from 'zod';
import { AppError } from '../../errors';
import { defineList, keyset } from '../../lib/list';
import type { RequestMeta } from '../../lib/request-meta';
import type { OrgContext } from '../../plugins/access';
import { clockOf } from '../../types';
import {
  DOWNLOAD_URL_TTL_SECONDS,
  type FileRow,
  type FilesDeps,
  fileNotFound,
  fileSelect,
  toFile,
  usedBytes,
  variantsOf,
} from './files.shared';

const fileList = defineList({
  sorts: {
    'createdAt:desc': { field: 'createdAt', type: 'timestamp' },
    'createdAt:asc': { field: 'createdAt', type: 'timestamp' },
    'name:asc': { field: 'name', type: 'text' },
    'name:desc': { field: 'name', type: 'text' },
  },
});

export async function usage(deps: FilesDeps, organizationId: string) {
  return { usedBytes: await usedBytes(deps.db, organizationId), quotaBytes: deps.env.FILES_ORG_QUOTA_BYTES };
}

/** The library: ready organization files only (logos and uploads in flight are not listed). */
export async function listFiles(
  deps: FilesDeps,
  organizationId: string,
  query: z.output<typeof FileListQuery>,
) {
  const k = keyset(fileList, query, { scope: `${organizationId}:${query.q ?? ''}` });
  const and: Prisma.FileWhereInput[] = [{ organizationId, purpose: 'org_file', status: 'ready' }, k.where];
  if (query.q) and.push({ name: { contains: query.q, mode: 'insensitive' } });
  const rows = await deps.db.file.findMany({
    where: { AND: and },
    orderBy: k.orderBy,
    take: k.take,
    select: fileSelect,
  });
  const page = k.page(rows, toFile);
  return { files: page.items, nextCursor: page.nextCursor, usage: await usage(deps, organizationId) };
}

/** One organization file in any state but deleted (clients poll it after completing an upload). */
async function findFile(deps: FilesDeps, organizationId: string, fileId: string): Promise<FileRow> {
  const row = await deps.db.file.findFirst({
    where: {
      id: fileId,
      organizationId,
      purpose: { in: ['org_file', 'org_logo'] },
      status: { not: 'deleted' },
    },
    select: fileSelect,
  });
  if (!row) throw fileNotFound();
  return row;
}

export async function getFile(
  deps: FilesDeps,
  organizationId: string,
  fileId: string,
): Promise<{ file: FileView }> {
  return { file: toFile(await findFile(deps, organizationId, fileId)) };
}

/** Renaming and deleting: one's own files with files:write, anyone's with files:manage. */
function assertMayChange(row: FileRow, org: OrgContext, canManage: boolean): void {
  if (canManage) return;
  if (!org.userId || row.ownerUserId !== org.userId) {
    throw new AppError('forbidden', 'Only the uploader, or an owner or admin, can change this file.');
  }
}

const withKey = (org: OrgContext, value: Record<string, unknown>) =>
  org.apiKeyId ? { ...value, apiKeyId: org.apiKeyId } : value;

export async function renameFile(
  deps: FilesDeps,
  meta: RequestMeta,
  org: OrgContext,
  canManage: boolean,
  fileId: string,
  rawName: string,
): Promise<{ file: FileView }> {
  const row = await findFile(deps, org.id, fileId);
  assertMayChange(row, org, canManage);
  const name = sanitizeFileName(rawName);
  const now = clockOf(deps).now();
  const updated = await deps.db.$transaction(async (tx) => {
    const after = await tx.file.update({ where: { id: row.id }, data: { name }, select: fileSelect });
    await recordAudit(
      tx,
      {
        actorId: org.userId,
        action: 'file.renamed',
        organizationId: org.id,
        targetType: 'file',
        targetId: row.id,
        meta,
        before: { name: row.name },
        after: withKey(org, { name }),
      },
      now,
    );
    return after;
  });
  return { file: toFile(updated) };
}

/**
 * Deletes a file: status `deleted` at once (no longer listed or served), objects purged by the
 * worker after FILES_DELETED_GRACE_DAYS. A logo in use stops being the logo. Library files
 * announce `file.deleted`; an upload still in flight is aborted instead (DELETE …/uploads/:id).
 */
export async function deleteFile(
  deps: FilesDeps,
  meta: RequestMeta,
  org: OrgContext,
  canManage: boolean,
  fileId: string,
): Promise<void> {
  const row = await findFile(deps, org.id, fileId);
  assertMayChange(row, org, canManage);
  const now = clockOf(deps).now();
  // An upload still open would otherwise keep its parts in the bucket until a lifecycle rule ends it.
  if (row.status === 'pending' && row.multipartUploadId) {
    await deps.storage.abortMultipart({ key: row.key, uploadId: row.multipartUploadId });
  }
  await deps.db.$transaction(async (tx) => {
    await tx.file.update({
      where: { id: row.id },
      data: { status: 'deleted', deletedAt: now, multipartUploadId: null },
    });
    if (row.purpose === 'org_logo') {
      await tx.organization.updateMany({
        where: { id: org.id, logoFileId: row.id },
        data: { logoFileId: null },
      });
    }
    await recordAudit(
      tx,
      {
        actorId: org.userId,
        action: 'file.deleted',
        organizationId: org.id,
        targetType: 'file',
        targetId: row.id,
        meta,
        before: { name: row.name, status: row.status, size: Number(row.size ?? row.declaredSize) },
        after: withKey(org, {}),
      },
      now,
    );
    if (row.purpose === 'org_file' && row.status === 'ready') {
      const file = toFile(row);
      await publishEvent(
        tx,
        {
          type: 'file.deleted',
          organizationIds: [org.id],
          data: {
            file: {
              id: file.id,
              name: file.name,
              contentType: file.contentType,
              size: file.size,
              uploadedBy: file.uploadedBy,
            },
            deletedBy: org.userId ? { id: org.userId } : null,
          },
        },
        now,
      );
    }
  });
}

/**
 * A short-lived signed GET of a ready file (or its thumbnail). `inline` is granted only to types
 * on the allow-list; SVG, HTML and anything unknown always download as attachments.
 */
export async function downloadUrl(
  deps: FilesDeps,
  organizationId: string,
  fileId: string,
  query: { variant: 'original' | 'thumb'; disposition: 'inline' | 'attachment' },
) {
  const row = await findFile(deps, organizationId, fileId);
  if (row.status !== 'ready') throw new AppError('file_not_ready', 'This file is not ready to download.');
  const now = clockOf(deps).now();
  let key = row.key;
  let contentType = row.detectedType ?? row.declaredType;
  let fileName = row.name;
  if (query.variant === 'thumb') {
    const thumb = variantsOf(row).thumb;
    if (!thumb) throw new AppError('not_found', 'This file has no thumbnail.');
    key = thumb;
    contentType = 'image/webp';
    fileName = `${row.name.replace(/\.[^.]*$/, '')}.webp`;
  }
  const disposition: 'inline' | 'attachment' =
    query.disposition === 'inline' && isInlineSafeType(contentType) ? 'inline' : 'attachment';
  const url = await deps.storage.signGet(key, {
    expiresInSeconds: DOWNLOAD_URL_TTL_SECONDS,
    disposition: { type: disposition, fileName },
    // The served type is the verified one: a stored Content-Type cannot make HTML out of a PNG.
    contentType: disposition === 'inline' ? contentType : 'application/octet-stream',
    signingDate: now,
  });
  return {
    url,
    expiresAt: new Date(now.getTime() + DOWNLOAD_URL_TTL_SECONDS * 1000).toISOString(),
    disposition,
  };
}
