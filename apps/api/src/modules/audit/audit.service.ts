import { type Db, Prisma, type Tx } from '@repo/db';
import type { RequestMeta } from '../../lib/request-meta';
import { redact } from './redact';

/** Every audited action; the security page shows the `auth.*` and `session.*` ones to the user. */
export const AUDIT_ACTIONS = [
  'auth.sign_up',
  'auth.email_verified',
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.locked',
  'auth.unlocked',
  'auth.sign_out',
  'auth.refresh_reuse',
  'auth.password_reset',
  'auth.password_changed',
  'auth.email_change_requested',
  'auth.email_changed',
  'auth.reauthenticated',
  'session.revoked',
  'profile.updated',
  'auth.two_factor_enabled',
  'auth.two_factor_disabled',
  'auth.two_factor_failed',
  'auth.backup_code_used',
  'auth.backup_codes_regenerated',
  'auth.trusted_device_revoked',
  'auth.sso_sign_in',
  'auth.identity_linked',
  'auth.identity_unlinked',
  'org.created',
  'org.updated',
  'org.deleted',
  'org.ownership_transferred',
  'org.member_role_changed',
  'org.member_removed',
  'org.member_left',
  'org.invitation_created',
  'org.invitation_resent',
  'org.invitation_revoked',
  'org.invitation_accepted',
  'org.invitation_declined',
  'org.apikey_created',
  'org.apikey_rotated',
  'org.apikey_revoked',
  /** A member tried something their role does not allow (403/409): kept for review. */
  'org.access_denied',
  // Admin dashboard (docs/admin.md): every admin action.
  'admin.user_role_changed',
  'admin.user_disabled',
  'admin.user_enabled',
  'admin.user_signed_out',
  'admin.user_two_factor_reset',
  'admin.user_verification_resent',
  'admin.user_deleted',
  'admin.user_restored',
  /** The maintenance job removed an account whose deletion grace period had passed. */
  'admin.user_purged',
  'admin.impersonation_started',
  'admin.impersonation_ended',
  /** One row per request (any method but OPTIONS/HEAD) made while an admin impersonated the actor. */
  'impersonation.request',
  'admin.audit_exported',
  'admin.job_retried',
  'admin.job_removed',
  'admin.flag_created',
  'admin.flag_updated',
  'admin.flag_deleted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** Who did it; null for anonymous or system actions (a failed sign-in, an automatic lock). */
  actorId: string | null;
  action: AuditAction;
  /** The organization it happened in (A8), for organization activity and admin filters. */
  organizationId?: string | null;
  /** What it was done to, e.g. `user` + id, `session` + id. */
  targetType?: string | null;
  targetId?: string | null;
  /** Where it came from (requestMeta(req)); null for actions without a request. */
  meta: RequestMeta | null;
  /** The admin on whose behalf it happened (D1); defaults to the request's impersonator. */
  impersonatorId?: string | null;
  /** State before/after the change; secret-looking keys are redacted before storage. */
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one AuditLog row inside the caller's transaction, so the record and the change it
 * describes are committed (or rolled back) together: the log never claims a change that did not
 * happen, nor misses one that did. Rows are only ever inserted (the model is append-only).
 */
export async function recordAudit(tx: Tx | Db, entry: AuditEntry, now?: Date) {
  const hasDiff = entry.before !== undefined || entry.after !== undefined;
  const diff = hasDiff
    ? (redact({ before: entry.before ?? null, after: entry.after ?? null }) as Prisma.InputJsonValue)
    : Prisma.DbNull;
  return tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      organizationId: entry.organizationId ?? null,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      ip: entry.meta?.ip ?? null,
      userAgent: entry.meta?.userAgent ?? null,
      requestId: entry.meta?.requestId ?? null,
      impersonatorId: entry.impersonatorId ?? entry.meta?.impersonatorId ?? null,
      diff,
      ...(now ? { createdAt: now } : {}),
    },
  });
}
