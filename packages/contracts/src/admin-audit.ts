import { z } from 'zod';
import { listPage, listQuery } from './list';
import { SINGLE_LINE_MESSAGE, SINGLE_LINE_TEXT } from './text';

/**
 * Admin audit log viewer (D4, docs/admin.md): list with filters and a keyset cursor, one entry with
 * its diff, and a streamed CSV export with the same filters. Global admins only.
 */

/**
 * An exact action (`org.member_removed`) or a namespace prefix ending in `.*` (`org.*`,
 * `auth.two_factor.*`). Nothing else is a wildcard, so the value never reaches SQL as a pattern.
 */
export const AdminAuditActionFilter = z
  .string()
  .max(100)
  .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?$/, 'an action (org.created) or a prefix ending in .* (org.*)');

const filterShape = {
  actorId: z.uuid().optional(),
  /** What an admin did while impersonating users (D1): rows written on their behalf. */
  impersonatorId: z.uuid().optional(),
  action: AdminAuditActionFilter.optional(),
  /** What the action was done to (`user`, `session`, `organization` …). */
  targetType: z.string().min(1).max(64).regex(SINGLE_LINE_TEXT, SINGLE_LINE_MESSAGE).optional(),
  /** Only together with targetType (the index is on the pair). */
  targetId: z.string().min(1).max(128).regex(SINGLE_LINE_TEXT, SINGLE_LINE_MESSAGE).optional(),
  organizationId: z.uuid().optional(),
  /** Inclusive lower bound on createdAt (ISO 8601 with Z or an offset). */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Inclusive upper bound on createdAt. */
  to: z.iso.datetime({ offset: true }).optional(),
  /**
   * `grouped`: the per-request trail of impersonations (`impersonation.request`) is left out,
   * unless `action` asks for it, and each `admin.impersonation_started` row says how many
   * requests were made during it (`impersonationRequests`). Default `each`: every row.
   * What was changed meanwhile is audited in rows of its own, which stay either way.
   */
  requests: z.enum(['each', 'grouped']).optional(),
};

type FilterInput = { targetType?: string; targetId?: string; from?: string; to?: string };

/** Cross-field rules shared by the list and the export (refinements do not survive `.extend`). */
function checkFilters(value: FilterInput, ctx: z.RefinementCtx) {
  if (value.targetId !== undefined && value.targetType === undefined) {
    ctx.addIssue({ code: 'custom', path: ['targetType'], message: 'targetId needs targetType' });
  }
  if (value.from !== undefined && value.to !== undefined && Date.parse(value.from) > Date.parse(value.to)) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
  }
}

export const AdminAuditLogFilters = z.strictObject(filterShape).superRefine(checkFilters);
export type AdminAuditLogFilters = z.infer<typeof AdminAuditLogFilters>;

/** Newest first only: the indexes serve (created_at DESC, id DESC). */
export const AdminAuditLogQuery = listQuery({
  sorts: ['createdAt:desc'],
  defaultSort: 'createdAt:desc',
  filters: filterShape,
}).superRefine(checkFilters);
export type AdminAuditLogQuery = z.infer<typeof AdminAuditLogQuery>;

export const AdminAuditLogParams = z.strictObject({ id: z.uuid() });

export const AdminAuditActor = z.object({ id: z.string(), email: z.string(), name: z.string() });
export type AdminAuditActor = z.infer<typeof AdminAuditActor>;

/** One row of the list: light, without the diff or the user agent. */
export const AdminAuditLogItem = z.object({
  id: z.string(),
  createdAt: z.iso.datetime(),
  action: z.string(),
  /** Null for anonymous/system actions, or when the actor's account row is gone. */
  actor: AdminAuditActor.nullable(),
  /** Set when an admin did it while impersonating the actor (D1). */
  impersonatorId: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  organizationId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  /** With `requests=grouped`, on `admin.impersonation_started` rows: requests made during it. */
  impersonationRequests: z.number().int().min(0).optional(),
});
export type AdminAuditLogItem = z.infer<typeof AdminAuditLogItem>;

export const AdminAuditLogList = listPage('items', AdminAuditLogItem);
export type AdminAuditLogList = z.infer<typeof AdminAuditLogList>;

/** One entry with what changed; secrets were redacted when the row was written. */
export const AdminAuditLogDetail = AdminAuditLogItem.extend({
  userAgent: z.string().nullable(),
  /** `{ before, after }` as stored, or null for actions without a diff. */
  diff: z.object({ before: z.unknown(), after: z.unknown() }).nullable(),
});
export type AdminAuditLogDetail = z.infer<typeof AdminAuditLogDetail>;

/** Columns of the CSV export, in order (the header line). */
export const ADMIN_AUDIT_CSV_COLUMNS = [
  'createdAt',
  'action',
  'actorId',
  'actorEmail',
  'impersonatorId',
  'targetType',
  'targetId',
  'organizationId',
  'ip',
  'userAgent',
  'requestId',
  'diff',
] as const;
