import type { AdminAuditLogFilters } from '@repo/contracts';
import type { Prisma } from '@repo/db';
import { defineList } from '../../lib/list';

/**
 * Filters and keyset pagination (lists convention) shared by the list and the CSV export. Order
 * is always (created_at DESC, id DESC): the indexes (created_at), (organization_id, created_at),
 * (actor_id, created_at), (impersonator_id, created_at) and (action, created_at) serve it as a
 * backward index scan, with an incremental sort for rows sharing a millisecond. The keyset
 * continuation is written `created_at <= c AND (created_at < c OR id < i)`, so `created_at <= c`
 * is an index condition and the tie-break on id only filters rows of the same millisecond.
 * No OFFSET anywhere.
 */
export const IMPERSONATION_REQUEST = 'impersonation.request';
export const IMPERSONATION_STARTED = 'admin.impersonation_started';

export const auditList = defineList({
  sorts: { 'createdAt:desc': { field: 'createdAt', type: 'timestamp' } },
});

export function auditWhere(filters: AdminAuditLogFilters): Prisma.AuditLogWhereInput {
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
  // Grouped: the per-request trail stays out unless the action filter names it.
  if (filters.requests === 'grouped' && !filters.action?.startsWith('impersonation.')) {
    and.push({ action: { not: IMPERSONATION_REQUEST } });
  }
  return { AND: and };
}
