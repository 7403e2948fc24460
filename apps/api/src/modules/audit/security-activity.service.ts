import type { SecurityActivityQuery } from '@repo/contracts';
import type { Db } from '@repo/db';
import { deviceLabel } from '../../lib/device';
import { defineList, keyset, type ListResult } from '../../lib/list';

/** id (UUIDv7, time-ordered) breaks ties between rows written in the same millisecond. */
const securityActivityList = defineList({
  sorts: { 'createdAt:desc': { field: 'createdAt', type: 'timestamp' } },
});

export interface SecurityEventView {
  id: string;
  action: string;
  ip: string | null;
  device: string | null;
  createdAt: string;
}

/**
 * A page of the user's own security events (lists convention), newest first: what they did
 * (actor) and what happened to their account (target), e.g. failed sign-ins by someone else or an
 * automatic lock. Only `auth.*` and `session.*` actions: this is the security page, not a full
 * history. A cursor is bound to the user.
 */
export async function listSecurityActivity(
  db: Db,
  userId: string,
  query: SecurityActivityQuery,
): Promise<ListResult<SecurityEventView>> {
  const k = keyset(securityActivityList, query, { scope: userId });
  const rows = await db.auditLog.findMany({
    where: {
      AND: [
        { OR: [{ actorId: userId }, { targetType: 'user', targetId: userId }] },
        { OR: [{ action: { startsWith: 'auth.' } }, { action: { startsWith: 'session.' } }] },
        k.where,
      ],
    },
    orderBy: k.orderBy,
    take: k.take,
    select: { id: true, action: true, ip: true, userAgent: true, createdAt: true },
  });
  return k.page(rows, (r) => ({
    id: r.id,
    action: r.action,
    ip: r.ip,
    device: deviceLabel(r.userAgent),
    createdAt: r.createdAt.toISOString(),
  }));
}
