import { recordAudit } from '@repo/audit';
import { hashToken } from '../../lib/crypto-tokens';
import type { RequestMeta } from '../../lib/request-meta';
import type { AuthContext } from '../../plugins/auth';
import { type AppDeps, clockOf } from '../../types';
import { revokeSession } from './sessions.service';

/**
 * Ends the caller's session, found by its access token or, when that has expired, its refresh
 * token. Idempotent: signing out twice, or without a session, is still a success.
 */
export async function signOut(
  deps: AppDeps,
  {
    auth,
    refreshToken,
    meta,
  }: { auth: AuthContext | null; refreshToken: string | undefined; meta: RequestMeta },
): Promise<void> {
  let target: { sessionId: string; userId: string } | null = auth
    ? { sessionId: auth.sessionId, userId: auth.userId }
    : null;
  if (!target && refreshToken) {
    const row = await deps.db.refreshToken.findUnique({
      where: { tokenHash: hashToken(refreshToken) },
      select: { sessionId: true, session: { select: { userId: true } } },
    });
    if (row) target = { sessionId: row.sessionId, userId: row.session.userId };
  }
  if (!target) return;
  const { sessionId, userId } = target;
  const now = clockOf(deps).now();
  await deps.db.$transaction(async (tx) => {
    if (!(await revokeSession(deps, { userId, sessionId, reason: 'sign_out', tx }))) return;
    await recordAudit(
      tx,
      { actorId: userId, action: 'auth.sign_out', targetType: 'session', targetId: sessionId, meta },
      now,
    );
  });
}
