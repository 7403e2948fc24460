import { recordAudit } from '@repo/audit';
import type { Locale } from '@repo/contracts';
import type { Tx, User } from '@repo/db';
import { writeOutboxEvent } from '@repo/outbox';
import { AppError } from '../../errors';
import { hashToken } from '../../lib/crypto-tokens';
import { deviceLabel } from '../../lib/device';
import type { RequestMeta } from '../../lib/request-meta';
import { systemClock } from '../../types';
import { recordActivity } from './activity';
import { insertRefreshToken, type SessionDeps } from './sessions.service';

export interface Rotated {
  sessionId: string;
  refreshToken: string;
  refreshExpiresAt: Date;
  amr: string[];
  authTime: Date;
  user: User;
  /** D1 impersonation: the acting admin, and the time limit the tokens must not outlive. */
  impersonatorId: string | null;
  notAfter?: Date;
}

/** Thrown inside the transaction to roll the rotation back when the session cannot continue. */
class SessionEnded extends Error {}

const invalid = () => new AppError('token_invalid', 'Sign in again.');

/**
 * Exchanges a refresh token for a new one (A2, ADR 0009). The old token is retired by ONE
 * conditional UPDATE (`rotated_at IS NULL`), so of any number of parallel refreshes exactly one
 * wins; the new token is inserted and the session's idle expiry slid in the same transaction.
 * A token that was already rotated is either a parallel tab (within REFRESH_REUSE_GRACE_SECONDS:
 * refused, nothing else happens) or a stolen copy being replayed (later: the whole session is
 * revoked, audited, and the user is told by mail). Any failure is the same 401 token_invalid.
 */
export async function rotateRefreshToken(
  deps: SessionDeps,
  { token, meta }: { token: string; meta: RequestMeta },
): Promise<Rotated> {
  const now = (deps.clock ?? systemClock).now();
  const { env } = deps;
  const tokenHash = hashToken(token);
  let rotated: Rotated | null;
  try {
    rotated = await deps.db.$transaction(async (tx) => {
      const won = await tx.$queryRaw<{ session_id: string }[]>`
        UPDATE refresh_tokens SET rotated_at = ${now}
        WHERE token_hash = ${tokenHash} AND rotated_at IS NULL
        RETURNING session_id`;
      const sessionId = won[0]?.session_id;
      if (!sessionId) return null;
      // The row lock taken here orders us against a concurrent revocation: a session revoked or
      // expired by the time we hold it does not continue.
      const slid = await tx.session.updateMany({
        where: { id: sessionId, revokedAt: null, expiresAt: { gt: now }, idleExpiresAt: { gt: now } },
        data: {
          lastUsedAt: now,
          idleExpiresAt: new Date(now.getTime() + env.SESSION_IDLE_TTL_SECONDS * 1000),
        },
      });
      if (slid.count !== 1) throw new SessionEnded();
      const session = await tx.session.findUniqueOrThrow({
        where: { id: sessionId },
        select: {
          amr: true,
          authTime: true,
          idleExpiresAt: true,
          expiresAt: true,
          user: true,
          impersonatorId: true,
          impersonator: { select: { role: true, disabledAt: true, deletedAt: true } },
        },
      });
      const { user, impersonator } = session;
      if (user.disabledAt || user.deletedAt) throw new SessionEnded();
      // An impersonation continues only while its admin still is one.
      if (
        impersonator &&
        (impersonator.role !== 'admin' || impersonator.disabledAt || impersonator.deletedAt)
      )
        throw new SessionEnded();
      return {
        sessionId,
        refreshToken: await insertRefreshToken(tx, sessionId, now),
        refreshExpiresAt: new Date(Math.min(+session.idleExpiresAt, +session.expiresAt)),
        amr: session.amr,
        authTime: session.authTime,
        user,
        impersonatorId: session.impersonatorId,
        ...(session.impersonatorId ? { notAfter: session.expiresAt } : {}),
      };
    });
  } catch (error) {
    if (error instanceof SessionEnded) throw invalid();
    throw error;
  }
  if (rotated) {
    // An impersonation's refreshes are the admin's doing, not the user's activity.
    if (!rotated.impersonatorId) await recordActivity(deps.db, rotated.user.id, now, deps.logger);
    return rotated;
  }
  await handleStaleToken(deps, tokenHash, now, meta);
  throw invalid();
}

async function handleStaleToken(deps: SessionDeps, tokenHash: string, now: Date, meta: RequestMeta) {
  const stale = await deps.db.refreshToken.findUnique({
    where: { tokenHash },
    select: { rotatedAt: true, sessionId: true },
  });
  if (!stale?.rotatedAt) return; // unknown token (or one whose session ended): nothing to do
  if (now.getTime() - stale.rotatedAt.getTime() <= deps.env.REFRESH_REUSE_GRACE_SECONDS * 1000) return;

  const revoked = await deps.db.$transaction(async (tx) => revokeForReuse(tx, stale.sessionId, now, meta));
  if (revoked) await deps.revocations.publish([stale.sessionId]);
}

/** Revokes the session family once (concurrent replays race on `revoked_at IS NULL`). */
async function revokeForReuse(tx: Tx, sessionId: string, now: Date, meta: RequestMeta): Promise<boolean> {
  const [row] = await tx.session.updateManyAndReturn({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: now, revokedReason: 'refresh_token_reuse' },
    select: { userId: true, user: { select: { email: true, locale: true } } },
  });
  if (!row) return false;
  await recordAudit(
    tx,
    // The replayer is unknown (actor null); the account is the target, so the owner sees it.
    {
      actorId: null,
      action: 'auth.refresh_reuse',
      targetType: 'user',
      targetId: row.userId,
      meta,
      after: { sessionId, revokedReason: 'refresh_token_reuse' },
    },
    now,
  );
  await writeOutboxEvent(
    tx,
    'session.token_reused',
    {
      userId: row.userId,
      email: row.user.email,
      locale: row.user.locale as Locale,
      // Where the replay came from: that is what the user needs to judge it.
      device: deviceLabel(meta.userAgent),
      ip: meta.ip,
      at: now.toISOString(),
    },
    now,
  );
  return true;
}
