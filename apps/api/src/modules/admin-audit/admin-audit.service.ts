import type {
  AdminAuditLogDetail,
  AdminAuditLogFilters,
  AdminAuditLogItem,
  AdminAuditLogList,
  AdminAuditLogQuery,
} from '@repo/contracts';
import type { Db } from '@repo/db';
import { AppError } from '../../errors';
import { keyset } from '../../lib/list';
import { auditList, auditWhere, IMPERSONATION_REQUEST, IMPERSONATION_STARTED } from './audit-query';

export interface AdminAuditDeps {
  db: Db;
}

const actorSelect = { select: { id: true, email: true, name: true } } as const;

const itemSelect = {
  id: true,
  createdAt: true,
  action: true,
  actor: actorSelect,
  impersonatorId: true,
  targetType: true,
  targetId: true,
  organizationId: true,
  ip: true,
  requestId: true,
} as const;

type ItemRow = {
  id: string;
  createdAt: Date;
  action: string;
  actor: { id: string; email: string; name: string } | null;
  impersonatorId: string | null;
  targetType: string | null;
  targetId: string | null;
  organizationId: string | null;
  ip: string | null;
  requestId: string | null;
};

function toItem(row: ItemRow): AdminAuditLogItem {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    action: row.action,
    actor: row.actor,
    impersonatorId: row.impersonatorId,
    targetType: row.targetType,
    targetId: row.targetId,
    organizationId: row.organizationId,
    ip: row.ip,
    requestId: row.requestId,
  };
}

/** Only the filter keys: the rest of the query (cursor, limit, sort) is not a filter. */
export function filtersOf(query: AdminAuditLogFilters): AdminAuditLogFilters {
  const { actorId, impersonatorId, action, targetType, targetId, organizationId, from, to, requests } = query;
  const all = { actorId, impersonatorId, action, targetType, targetId, organizationId, from, to, requests };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
}

/** One page, newest first; `nextCursor` continues strictly after the last row shown. */
export async function listAuditLogs(
  deps: AdminAuditDeps,
  query: AdminAuditLogQuery,
): Promise<AdminAuditLogList> {
  const k = keyset(auditList, query);
  const rows = await deps.db.auditLog.findMany({
    where: { AND: [auditWhere(filtersOf(query)), k.where] },
    orderBy: k.orderBy,
    take: k.take,
    select: itemSelect,
  });
  const page = k.page(rows, toItem);
  if (query.requests !== 'grouped') return page;
  const items = await Promise.all(
    page.items.map(async (item) =>
      item.action === IMPERSONATION_STARTED && item.actor && item.targetId
        ? {
            ...item,
            impersonationRequests: await requestsDuring(deps.db, item, item.actor.id, item.targetId),
          }
        : item,
    ),
  );
  return { ...page, items };
}

/**
 * The requests an admin made as a user during one impersonation: the trail rows of that pair
 * from its start until the pair's next impersonation began (an impersonation is one at a time
 * per pair, and the trail stops when it ends).
 */
async function requestsDuring(db: Db, started: AdminAuditLogItem, adminId: string, userId: string) {
  const start = new Date(started.createdAt);
  const next = await db.auditLog.findFirst({
    where: { action: IMPERSONATION_STARTED, actorId: adminId, targetId: userId, createdAt: { gt: start } },
    orderBy: { createdAt: 'asc' },
    select: { createdAt: true },
  });
  return db.auditLog.count({
    where: {
      action: IMPERSONATION_REQUEST,
      actorId: userId,
      impersonatorId: adminId,
      createdAt: next ? { gte: start, lt: next.createdAt } : { gte: start },
    },
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** recordAudit always stores `{ before, after }`; anything else (hand-written rows) is shown as `after`. */
function toDiff(raw: unknown): AdminAuditLogDetail['diff'] {
  if (raw === null || raw === undefined) return null;
  if (isRecord(raw) && 'before' in raw && 'after' in raw) return { before: raw.before, after: raw.after };
  return { before: null, after: raw };
}

export async function getAuditLog(deps: AdminAuditDeps, id: string): Promise<AdminAuditLogDetail> {
  const row = await deps.db.auditLog.findUnique({
    where: { id },
    select: { ...itemSelect, userAgent: true, diff: true },
  });
  if (!row) throw new AppError('not_found', 'No audit entry with this id.');
  return { ...toItem(row), userAgent: row.userAgent, diff: toDiff(row.diff) };
}
