import { type AuditEntry, recordAudit } from '@repo/audit';
import type { OrgRole } from '@repo/contracts';
import { Prisma, type Tx } from '@repo/db';
import { lockOrganizations } from '@repo/organizations';
import { AppError, isAppError } from '../../errors';
import type { RequestMeta } from '../../lib/request-meta';
import type { OrgContext } from '../../plugins/access';
import type { AppDeps } from '../../types';

export const isUniqueViolation = (e: unknown): boolean =>
  e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';

/**
 * Serializes every membership change of one organization (lockOrganizations of
 * @repo/organizations, the lock the worker's purge takes too): "is there another owner?" is only
 * a safe question while no one else can change the answer, so two owners demoting each other at
 * once cannot both succeed and leave the organization without an owner. Also 404s an
 * organization deleted since the guard ran. Rank rules then use the caller's role read again
 * under the lock (lockedActingRole): one demoted or removed meanwhile acts with what is left.
 */
export async function lockOrganization(tx: Tx, organizationId: string): Promise<void> {
  const locked = await lockOrganizations(tx, [organizationId]);
  if (locked.length === 0) throw new AppError('not_found');
}

/**
 * The caller's role, read again under the lock (used by invitations: an inviter demoted while the
 * request waited must not grant their old rank). API keys act as API_KEY_ACTING_ROLE.
 */
export async function lockedActingRole(tx: Tx, org: OrgContext): Promise<OrgRole> {
  if (!org.userId) return org.actingRole;
  const membership = await tx.membership.findUnique({
    where: { organizationId_userId: { organizationId: org.id, userId: org.userId } },
    select: { role: true },
  });
  if (!membership) throw new AppError('not_found');
  return membership.role;
}

export function lastOwner(detail = 'The organization needs at least one owner.'): AppError {
  return new AppError('last_owner', detail);
}

export function roleNotAllowed(detail = 'Your role does not allow this.'): AppError {
  return new AppError('role_not_allowed', detail);
}

/** `after` with the acting API key added (actorId is null then), so the log shows which key made the change. */
export function withKey(org: OrgContext, after: Record<string, unknown>): Record<string, unknown> {
  return org.apiKeyId ? { ...after, apiKeyId: org.apiKeyId } : after;
}

/**
 * Runs a membership change; when it is refused as an escalation (403 role_not_allowed) or would
 * orphan the organization (409 last_owner), records the attempt as `org.access_denied` with
 * `deps.db` — the change's own transaction has rolled back, the record of the attempt must not.
 */
export async function auditDenied<T>(
  deps: AppDeps,
  org: OrgContext,
  meta: RequestMeta,
  target: Pick<AuditEntry, 'targetType' | 'targetId'> & { attempt: Record<string, unknown> },
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isAppError(error) && (error.code === 'role_not_allowed' || error.code === 'last_owner')) {
      await recordAudit(deps.db, {
        actorId: org.userId,
        action: 'org.access_denied',
        organizationId: org.id,
        targetType: target.targetType ?? null,
        targetId: target.targetId ?? null,
        meta,
        after: withKey(org, { ...target.attempt, code: error.code, actingRole: org.actingRole }),
      });
    }
    throw error;
  }
}
