import { recordAudit } from '@repo/audit';
import type { AvatarSize } from '@repo/contracts';
import { AppError } from '../../errors';
import type { RequestMeta } from '../../lib/request-meta';
import type { OrgContext } from '../../plugins/access';
import { clockOf } from '../../types';
import { type FilesDeps, fileNotFound, variantsOf } from './files.shared';

/**
 * Avatar and logo URLs are signed as of the start of a window and stay valid for two, so every
 * request within one window gets the same URL and the browser's cache holds the image.
 */
export const IMAGE_SIGNING_WINDOW_SECONDS = 6 * 3600;

/** Removes the user's avatar: the pointer goes at once, the file is deleted (purged later). */
export async function removeAvatar(deps: FilesDeps, meta: RequestMeta, userId: string): Promise<void> {
  const now = clockOf(deps).now();
  await deps.db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { avatarFileId: true } });
    if (!user.avatarFileId) return;
    await tx.user.update({ where: { id: userId }, data: { avatarFileId: null } });
    await tx.file.update({ where: { id: user.avatarFileId }, data: { status: 'deleted', deletedAt: now } });
    await recordAudit(
      tx,
      { actorId: userId, action: 'avatar.removed', targetType: 'file', targetId: user.avatarFileId, meta },
      now,
    );
  });
}

/** Removes the organization's logo (org:update). */
export async function removeLogo(deps: FilesDeps, meta: RequestMeta, org: OrgContext): Promise<void> {
  const now = clockOf(deps).now();
  await deps.db.$transaction(async (tx) => {
    const row = await tx.organization.findUnique({ where: { id: org.id }, select: { logoFileId: true } });
    if (!row?.logoFileId) return;
    await tx.organization.update({ where: { id: org.id }, data: { logoFileId: null } });
    await tx.file.update({ where: { id: row.logoFileId }, data: { status: 'deleted', deletedAt: now } });
    await recordAudit(
      tx,
      {
        actorId: org.userId,
        action: 'org.logo_removed',
        organizationId: org.id,
        targetType: 'file',
        targetId: row.logoFileId,
        meta,
        ...(org.apiKeyId ? { after: { apiKeyId: org.apiKeyId } } : {}),
      },
      now,
    );
  });
}

/**
 * Who may see an avatar or a logo: the avatar's owner, anyone sharing an organization with them,
 * members of the logo's organization, and global admins. Everyone else gets 404, as for a file
 * that does not exist.
 */
async function maySee(
  deps: FilesDeps,
  viewer: { userId: string; role: string },
  file: { purpose: string; ownerUserId: string | null; organizationId: string | null },
): Promise<boolean> {
  if (viewer.role === 'admin') return true;
  if (file.purpose === 'avatar') {
    if (!file.ownerUserId) return false;
    if (file.ownerUserId === viewer.userId) return true;
    const shared = await deps.db.membership.findFirst({
      where: {
        userId: viewer.userId,
        organization: { memberships: { some: { userId: file.ownerUserId } } },
      },
      select: { organizationId: true },
    });
    return shared !== null;
  }
  if (file.purpose === 'org_logo' && file.organizationId) {
    const member = await deps.db.membership.findUnique({
      where: { organizationId_userId: { organizationId: file.organizationId, userId: viewer.userId } },
      select: { role: true },
    });
    return member !== null;
  }
  return false;
}

/**
 * Where an avatar or logo image is: a signed GET of its WebP variant, the same URL for the whole
 * signing window, and how long the redirect itself may be cached (the rest of the window).
 */
export async function imageLocation(
  deps: FilesDeps,
  viewer: { userId: string; role: string },
  fileId: string,
  size: AvatarSize,
): Promise<{ url: string; maxAgeSeconds: number }> {
  const file = await deps.db.file.findFirst({
    where: { id: fileId, status: 'ready', purpose: { in: ['avatar', 'org_logo'] } },
    select: { purpose: true, ownerUserId: true, organizationId: true, variants: true, name: true },
  });
  if (!file || !(await maySee(deps, viewer, file))) throw fileNotFound();
  const key = variantsOf(file)[String(size) as '64' | '128' | '256'];
  if (!key) throw new AppError('not_found', 'This image has no such size.');
  const now = clockOf(deps).now().getTime();
  const windowMs = IMAGE_SIGNING_WINDOW_SECONDS * 1000;
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const url = await deps.storage.signGet(key, {
    signingDate: new Date(windowStart),
    // Valid for the window it was signed in and the next, so a cached redirect never points at a dead URL.
    expiresInSeconds: 2 * IMAGE_SIGNING_WINDOW_SECONDS,
    contentType: 'image/webp',
    disposition: { type: 'inline', fileName: `${fileId}-${size}.webp` },
    // An image under a given file id never changes: a new avatar is a new id.
    cacheControl: `private, max-age=${2 * IMAGE_SIGNING_WINDOW_SECONDS}, immutable`,
  });
  return { url, maxAgeSeconds: Math.max(0, Math.floor((windowStart + windowMs - now) / 1000)) };
}
