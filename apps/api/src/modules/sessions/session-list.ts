import type { SessionList, SessionListQuery } from '@repo/contracts';
import type { z } from 'zod';
import { defineList, keyset } from '../../lib/list';
import type { AppDeps } from '../../types';

const sessionList = defineList({
  sorts: {
    // A session's use moves it up: a page boundary can let a session used meanwhile appear twice
    // or not at all, which a device list can live with.
    'lastUsedAt:desc': { field: 'lastUsedAt', type: 'timestamp' },
    'createdAt:desc': { field: 'createdAt', type: 'timestamp' },
  },
});

/** A page of the user's live sessions (lists convention); a cursor is bound to the user. */
export async function listSessions(
  deps: Pick<AppDeps, 'db'>,
  auth: { userId: string; sessionId: string },
  query: SessionListQuery,
  now: Date,
): Promise<z.infer<typeof SessionList>> {
  const k = keyset(sessionList, query, { scope: auth.userId });
  const rows = await deps.db.session.findMany({
    where: {
      AND: [
        { userId: auth.userId, revokedAt: null, expiresAt: { gt: now }, idleExpiresAt: { gt: now } },
        k.where,
      ],
    },
    orderBy: k.orderBy,
    take: k.take,
    select: { id: true, device: true, ip: true, createdAt: true, lastUsedAt: true, impersonatorId: true },
  });
  const { items, nextCursor } = k.page(rows, (s) => ({
    id: s.id,
    device: s.device,
    ip: s.ip,
    createdAt: s.createdAt.toISOString(),
    lastUsedAt: s.lastUsedAt.toISOString(),
    current: s.id === auth.sessionId,
    impersonation: s.impersonatorId !== null,
  }));
  return { sessions: items, nextCursor };
}
