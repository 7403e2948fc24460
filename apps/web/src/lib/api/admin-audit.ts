import { AdminAuditLogDetail, AdminAuditLogList } from '@repo/contracts';
import { api } from './client';

/** Typed browser calls for the admin audit log (D4). Global admins only. */

export type AuditFilters = {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  organizationId?: string;
  /** ISO 8601 instants (inclusive). */
  from?: string;
  to?: string;
  /** `grouped`: impersonations' per-request rows folded into their start row (a count). */
  requests?: 'each' | 'grouped';
};

/** The filters as a query string (no leading `?`), empty values left out; shared by list and export. */
export function auditFilterQuery(
  filters: AuditFilters,
  extra: Record<string, string | undefined> = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (typeof value === 'string' && value.trim() !== '') params.set(key, value.trim());
  }
  return params.toString();
}

/** Same-origin URL of the streamed CSV export (the /api gateway forwards the cookies). */
export function auditExportUrl(filters: AuditFilters): string {
  const query = auditFilterQuery(filters);
  return `/api/v1/admin/audit-logs/export${query ? `?${query}` : ''}`;
}

export const adminAuditApi = {
  list: (filters: AuditFilters, cursor?: string | null, limit = 50) => {
    const query = auditFilterQuery(filters, { cursor: cursor ?? undefined, limit: String(limit) });
    return api.get(`/admin/audit-logs?${query}`, { schema: AdminAuditLogList });
  },
  get: (id: string) =>
    api.get(`/admin/audit-logs/${encodeURIComponent(id)}`, { schema: AdminAuditLogDetail }),
};
