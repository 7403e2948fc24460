import type { Db } from '@repo/db';
import { deviceLabel } from '../../lib/device';

/** How many events the security page shows. */
export const SECURITY_ACTIVITY_LIMIT = 50;

export interface SecurityEventView {
  id: string;
  action: string;
  ip: string | null;
  device: string | null;
  createdAt: string;
}

/**
 * The user's own security events, newest first: what they did (actor) and what happened to their
 * account (target), e.g. failed sign-ins by someone else or an automatic lock. Only `auth.*` and
 * `session.*` actions: this is the security page, not a full history.
 */
export async function listSecurityActivity(db: Db, userId: string): Promise<SecurityEventView[]> {
  const rows = await db.auditLog.findMany({
    where: {
      AND: [
        { OR: [{ actorId: userId }, { targetType: 'user', targetId: userId }] },
        { OR: [{ action: { startsWith: 'auth.' } }, { action: { startsWith: 'session.' } }] },
      ],
    },
    // id (UUIDv7, time-ordered) breaks ties between rows written in the same millisecond.
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: SECURITY_ACTIVITY_LIMIT,
    select: { id: true, action: true, ip: true, userAgent: true, createdAt: true },
  });
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    ip: r.ip,
    device: deviceLabel(r.userAgent),
    createdAt: r.createdAt.toISOString(),
  }));
}
