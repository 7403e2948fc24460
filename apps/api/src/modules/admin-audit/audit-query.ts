import type { AdminAuditLogFilters } from '@repo/contracts';
import type { Prisma } from '@repo/db';
import { invalidCursor } from '../../lib/invalid-cursor';

/**
 * Filters and keyset pagination shared by the list and the CSV export. Order is always
 * (created_at DESC, id DESC): the indexes (created_at), (organization_id, created_at),
 * (actor_id, created_at), (impersonator_id, created_at) and (action, created_at) serve it as a backward index scan, with an
 * incremental sort for rows sharing a millisecond. No OFFSET anywhere.
 */

export interface Keyset {
  createdAt: Date;
  id: string;
}

export const AUDIT_ORDER: Prisma.AuditLogOrderByWithRelationInput[] = [{ createdAt: 'desc' }, { id: 'desc' }];

export function auditWhere(filters: AdminAuditLogFilters, after?: Keyset): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (filters.actorId !== undefined) and.push({ actorId: filters.actorId });
  if (filters.impersonatorId !== undefined) and.push({ impersonatorId: filters.impersonatorId });
  if (filters.action !== undefined) {
    // `org.*` → everything starting with `org.`. The contract allows only [a-z0-9_.] before it;
    // Prisma passes startsWith to LIKE unescaped, and `_` is a LIKE wildcard, so it is escaped
    // here (a test pins this: `a_b.*` must not match `axb.c`).
    and.push(
      filters.action.endsWith('.*')
        ? { action: { startsWith: filters.action.slice(0, -1).replaceAll('_', '\\_') } }
        : { action: filters.action },
    );
  }
  if (filters.targetType !== undefined) and.push({ targetType: filters.targetType });
  if (filters.targetId !== undefined) and.push({ targetId: filters.targetId });
  if (filters.organizationId !== undefined) and.push({ organizationId: filters.organizationId });
  if (filters.from !== undefined) and.push({ createdAt: { gte: new Date(filters.from) } });
  if (filters.to !== undefined) and.push({ createdAt: { lte: new Date(filters.to) } });
  if (after) {
    // (created_at, id) < (c, i), written so that `created_at <= c` is an index condition and the
    // tie-break on id only filters rows of the same millisecond.
    and.push({ createdAt: { lte: after.createdAt } });
    and.push({ OR: [{ createdAt: { lt: after.createdAt } }, { id: { lt: after.id } }] });
  }
  return { AND: and };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque to clients (base64url), so the key can change without a contract change. */
export function encodeCursor(row: Keyset): string {
  return Buffer.from(`${row.createdAt.getTime()}:${row.id}`).toString('base64url');
}

/**
 * The last instant a cursor can name: encodeCursor writes a row's createdAt, and Date and
 * timestamptz agree only on years 0001–9999. A bigger epoch (15 digits reach year 33658) is no
 * row's position, so it is refused rather than sent to PostgreSQL.
 */
const MAX_CURSOR_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function decodeCursor(cursor: string): Keyset {
  const [ms, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const createdAt = new Date(Number(ms));
  if (
    rest.length > 0 ||
    !ms ||
    !/^\d{1,15}$/.test(ms) ||
    Number(ms) > MAX_CURSOR_MS ||
    Number.isNaN(createdAt.getTime()) ||
    !id ||
    !UUID.test(id)
  ) {
    throw invalidCursor();
  }
  return { createdAt, id };
}
