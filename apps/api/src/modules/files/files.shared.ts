import {
  apiKeyCan,
  canInOrgAs,
  FILE_VARIANTS,
  type FilePurpose,
  type FileVariant,
  type FileView,
  type OrgPermission,
} from '@repo/contracts';
import type { Prisma, Tx } from '@repo/db';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors';
import type { OrgContext } from '../../plugins/access';
import type { AppDeps } from '../../types';

export type FilesDeps = Pick<AppDeps, 'db' | 'env' | 'clock' | 'storage'>;

/** Presigned upload URLs live this long: enough to start a 16 MiB POST on a slow line. */
export const POST_URL_TTL_SECONDS = 15 * 60;
/** Each multipart part is signed just before it is sent, so its URL can be short-lived. */
export const PART_URL_TTL_SECONDS = 15 * 60;
/** Signed download URLs: long enough to start a download, short enough not to be shared around. */
export const DOWNLOAD_URL_TTL_SECONDS = 5 * 60;

export const fileSelect = {
  id: true,
  organizationId: true,
  ownerUserId: true,
  purpose: true,
  status: true,
  key: true,
  name: true,
  declaredType: true,
  declaredSize: true,
  size: true,
  detectedType: true,
  rejectReason: true,
  multipartUploadId: true,
  partSize: true,
  variants: true,
  createdAt: true,
  completedAt: true,
  readyAt: true,
  owner: { select: { id: true, name: true } },
} satisfies Prisma.FileSelect;
export type FileRow = Prisma.FileGetPayload<{ select: typeof fileSelect }>;

/** The variant names a row's `variants` JSON holds (anything else in it is ignored). */
export function variantsOf(row: Pick<FileRow, 'variants'>): Record<FileVariant, string | undefined> {
  const out = {} as Record<FileVariant, string | undefined>;
  const v = row.variants;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const name of FILE_VARIANTS) {
      const key = (v as Record<string, unknown>)[name];
      if (typeof key === 'string') out[name] = key;
    }
  }
  return out;
}

export function toFile(row: FileRow): FileView {
  const variants = variantsOf(row);
  return {
    id: row.id,
    organizationId: row.organizationId,
    purpose: row.purpose,
    status: row.status,
    name: row.name,
    contentType: row.detectedType ?? row.declaredType,
    size: Number(row.size ?? row.declaredSize),
    rejectReason: row.rejectReason,
    variants: FILE_VARIANTS.filter((name) => variants[name] !== undefined),
    uploadedBy: row.owner ? { id: row.owner.id, name: row.owner.name } : null,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    readyAt: row.readyAt?.toISOString() ?? null,
  };
}

export const fileNotFound = () => new AppError('not_found', 'No such file.');

/** Largest upload of a purpose. */
export function maxBytesFor(env: AppDeps['env'], purpose: FilePurpose): number {
  return purpose === 'org_file' ? env.FILES_MAX_BYTES : env.FILES_AVATAR_MAX_BYTES;
}

/** Statuses whose bytes count against the quota: in flight and kept (not rejected, not deleted). */
export const QUOTA_STATUSES = ['pending', 'uploaded', 'verified', 'ready'] as const;

/**
 * Bytes an organization holds: real sizes where known, declared ones for uploads in flight (a
 * presign reserves its bytes). `exceptId` leaves out the file being completed.
 */
export async function usedBytes(
  tx: Tx | AppDeps['db'],
  organizationId: string,
  exceptId?: string,
): Promise<number> {
  const rows = await tx.$queryRaw<{ used: bigint | null }[]>`
    SELECT COALESCE(SUM(COALESCE(size, declared_size)), 0)::bigint AS used
    FROM files
    WHERE organization_id = ${organizationId}::uuid
      AND status IN ('pending', 'uploaded', 'verified', 'ready')
      AND (${exceptId ?? null}::uuid IS NULL OR id <> ${exceptId ?? null}::uuid)`;
  return Number(rows[0]?.used ?? 0);
}

/**
 * Whether the caller holds a second permission besides the route's own (a logo needs org:update;
 * managing others' files needs files:manage). API keys by scope; an impersonating admin holds less.
 */
export function callerCan(request: FastifyRequest, org: OrgContext, permission: OrgPermission): boolean {
  if (request.apiKey) return apiKeyCan(request.apiKey.scopes, permission);
  return canInOrgAs(org.role, permission, Boolean(request.auth?.impersonatorId));
}

/** Who started an upload: a member (their user id) or an API key (no user). */
export const uploaderOf = (org: OrgContext): string | null => org.userId;
