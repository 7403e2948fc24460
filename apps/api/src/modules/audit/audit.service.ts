import { Prisma, type Tx } from '@repo/db';
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
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** Who did it; null for anonymous or system actions (a failed sign-in, an automatic lock). */
  actorId: string | null;
  action: AuditAction;
  /** What it was done to, e.g. `user` + id, `session` + id. */
  targetType?: string | null;
  targetId?: string | null;
  /** Where it came from (requestMeta(req)); null for actions without a request. */
  meta: RequestMeta | null;
  /** State before/after the change; secret-looking keys are redacted before storage. */
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one AuditLog row inside the caller's transaction, so the record and the change it
 * describes are committed (or rolled back) together: the log never claims a change that did not
 * happen, nor misses one that did. Rows are only ever inserted (the model is append-only).
 */
export async function recordAudit(tx: Tx, entry: AuditEntry, now?: Date) {
  const hasDiff = entry.before !== undefined || entry.after !== undefined;
  const diff = hasDiff
    ? (redact({ before: entry.before ?? null, after: entry.after ?? null }) as Prisma.InputJsonValue)
    : Prisma.DbNull;
  return tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      ip: entry.meta?.ip ?? null,
      userAgent: entry.meta?.userAgent ?? null,
      requestId: entry.meta?.requestId ?? null,
      diff,
      ...(now ? { createdAt: now } : {}),
    },
  });
}
