import type { AuditAction } from '@repo/contracts';
import { type Db, Prisma, type Tx } from '@repo/db';
import { redact } from './redact';

/** Where an audited action came from: the request's address, user agent and id. */
export interface AuditMeta {
  ip: string;
  userAgent: string | null;
  requestId: string;
  /** The admin impersonating the actor, when one is. */
  impersonatorId?: string | null;
}

export interface AuditEntry {
  /** Who did it; null for anonymous or system actions (a failed sign-in, an automatic lock). */
  actorId: string | null;
  action: AuditAction;
  /** The organization it happened in (A8), for organization activity and admin filters. */
  organizationId?: string | null;
  /** What it was done to, e.g. `user` + id, `session` + id. */
  targetType?: string | null;
  targetId?: string | null;
  /** Where it came from (the API's requestMeta(req)); null for actions without a request. */
  meta: AuditMeta | null;
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
  return tx.auditLog.create({ data: rowOf(entry, now) });
}

function rowOf(entry: AuditEntry, now?: Date): Prisma.AuditLogCreateManyInput {
  const hasDiff = entry.before !== undefined || entry.after !== undefined;
  return {
    actorId: entry.actorId,
    action: entry.action,
    organizationId: entry.organizationId ?? null,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ip: entry.meta?.ip ?? null,
    userAgent: entry.meta?.userAgent ?? null,
    requestId: entry.meta?.requestId ?? null,
    impersonatorId: entry.impersonatorId ?? entry.meta?.impersonatorId ?? null,
    diff: hasDiff
      ? (redact({ before: entry.before ?? null, after: entry.after ?? null }) as Prisma.InputJsonValue)
      : Prisma.DbNull,
    ...(now ? { createdAt: now } : {}),
  };
}

/** As recordAudit, for many rows in one statement (a maintenance batch). */
export async function recordAudits(tx: Tx | Db, entries: AuditEntry[], now?: Date): Promise<number> {
  if (entries.length === 0) return 0;
  const { count } = await tx.auditLog.createMany({ data: entries.map((entry) => rowOf(entry, now)) });
  return count;
}
