import type { ImpersonationInfo } from '@repo/contracts';
import type { Tx } from '@repo/db';
import { AppError } from '../../errors';
import { hashToken } from '../../lib/crypto-tokens';
import { deviceLabel } from '../../lib/device';
import type { RequestMeta } from '../../lib/request-meta';
import type { AppDeps } from '../../types';
import { clockOf } from '../accounts/accounts.shared';
import { recordAudit } from '../audit/audit.service';
import { insertRefreshToken } from '../sessions/sessions.service';

export interface AdminCaller {
  userId: string;
  sessionId: string;
  meta: RequestMeta;
}

export interface StartedImpersonation {
  info: ImpersonationInfo;
  sessionId: string;
  refreshToken: string;
  expiresAt: Date;
  user: { id: string; role: string };
}

const person = { id: true, email: true, name: true } as const;

/**
 * Opens a session AS `targetId` for an admin (PRODUCT.md D1, ADR 0019). It is an ordinary
 * session of the user with three differences: it names the admin (and the admin's own session,
 * restored at the end), its absolute lifetime is the impersonation time limit, and its
 * `authTime` is the epoch, so sudo mode is never satisfied (re-authentication is refused too).
 * Admins, disabled or deleted accounts, and oneself cannot be impersonated.
 */
export async function startImpersonation(
  deps: AppDeps,
  admin: AdminCaller,
  { targetId, reason }: { targetId: string; reason: string },
): Promise<StartedImpersonation> {
  const now = clockOf(deps).now();
  const expiresAt = new Date(now.getTime() + deps.env.IMPERSONATION_TTL_SECONDS * 1000);
  return deps.db.$transaction(async (tx) => {
    // Locked: a concurrent disable or promotion of the target waits for us, or we see its result.
    const [target] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM users WHERE id = ${targetId}::uuid FOR UPDATE`;
    if (!target) throw new AppError('not_found', 'No such user.');
    const [user, impersonator] = await Promise.all([
      tx.user.findUniqueOrThrow({
        where: { id: targetId },
        select: { ...person, role: true, disabledAt: true, deletedAt: true },
      }),
      tx.user.findUniqueOrThrow({ where: { id: admin.userId }, select: person }),
    ]);
    if (user.id === admin.userId) throw notAllowed('You cannot impersonate yourself.');
    if (user.role === 'admin') throw notAllowed('Admins cannot be impersonated.');
    if (user.disabledAt || user.deletedAt) throw notAllowed('This account is disabled or deleted.');

    const session = await tx.session.create({
      data: {
        userId: user.id,
        device: deviceLabel(admin.meta.userAgent),
        userAgent: admin.meta.userAgent,
        ip: admin.meta.ip,
        amr: [],
        authTime: new Date(0),
        lastUsedAt: now,
        idleExpiresAt: expiresAt,
        expiresAt,
        createdAt: now,
        impersonatorId: admin.userId,
        impersonatorSessionId: admin.sessionId,
        impersonationReason: reason,
      },
      select: { id: true },
    });
    const refreshToken = await insertRefreshToken(tx, session.id, now);
    await recordAudit(
      tx,
      {
        actorId: admin.userId,
        action: 'admin.impersonation_started',
        targetType: 'user',
        targetId: user.id,
        meta: admin.meta,
        after: { sessionId: session.id, reason, expiresAt: expiresAt.toISOString() },
      },
      now,
    );
    const info: ImpersonationInfo = {
      sessionId: session.id,
      user: { id: user.id, email: user.email, name: user.name },
      impersonator,
      reason,
      startedAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    };
    return { info, sessionId: session.id, refreshToken, expiresAt, user: { id: user.id, role: user.role } };
  });
}

function notAllowed(detail: string): AppError {
  return new AppError('impersonation_not_allowed', detail);
}

/** The impersonation a session belongs to, for the banner (`GET /me`); null for ordinary ones. */
export async function impersonationOf(deps: AppDeps, sessionId: string): Promise<ImpersonationInfo | null> {
  const s = await deps.db.session.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      createdAt: true,
      expiresAt: true,
      impersonationReason: true,
      user: { select: person },
      impersonator: { select: person },
    },
  });
  if (!s?.impersonator) return null;
  return {
    sessionId: s.id,
    user: s.user,
    impersonator: s.impersonator,
    reason: s.impersonationReason ?? '',
    startedAt: s.createdAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
  };
}

/** The session of a refresh token that has not been rotated yet (a live one, or an expired one). */
export async function sessionOfRefreshToken(deps: AppDeps, token: string): Promise<string | null> {
  const row = await deps.db.refreshToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { rotatedAt: true, sessionId: true },
  });
  return row && !row.rotatedAt ? row.sessionId : null;
}

/**
 * Ends impersonation sessions: those in `sessionIds` (the caller's own) and any opened from the
 * admin session `fromAdminSession` (the stashed one), expired or not. Each is revoked once and
 * audited once (`admin.impersonation_ended`, by its admin); returns the impersonated user ids.
 */
export async function endImpersonations(
  deps: AppDeps,
  {
    sessionIds,
    fromAdminSession,
    meta,
  }: { sessionIds: string[]; fromAdminSession: string | null; meta: RequestMeta },
): Promise<string[]> {
  const now = clockOf(deps).now();
  const or = [
    ...(sessionIds.length > 0 ? [{ id: { in: sessionIds } }] : []),
    ...(fromAdminSession ? [{ impersonatorSessionId: fromAdminSession }] : []),
  ];
  if (or.length === 0) return [];
  const ended = await deps.db.$transaction(async (tx: Tx) => {
    const rows = await tx.session.updateManyAndReturn({
      where: { OR: or, impersonatorId: { not: null }, revokedAt: null },
      data: { revokedAt: now, revokedReason: 'impersonation_ended' },
      select: { id: true, userId: true, impersonatorId: true, expiresAt: true },
    });
    for (const row of rows) {
      await recordAudit(
        tx,
        {
          actorId: row.impersonatorId,
          action: 'admin.impersonation_ended',
          targetType: 'user',
          targetId: row.userId,
          meta,
          after: { sessionId: row.id, expired: row.expiresAt <= now },
        },
        now,
      );
    }
    return rows;
  });
  await deps.revocations.publish(ended.map((r) => r.id));
  return ended.map((r) => r.userId);
}

/** The caller's own session when it is an impersonation: from the access token, else the refresh token. */
export async function ownImpersonationSession(
  deps: AppDeps,
  auth: { sessionId: string; impersonatorId: string | null } | null,
  refreshToken: string | undefined,
): Promise<string | null> {
  if (auth?.impersonatorId) return auth.sessionId;
  if (!refreshToken) return null;
  const sessionId = await sessionOfRefreshToken(deps, refreshToken);
  if (!sessionId) return null;
  const s = await deps.db.session.findUnique({ where: { id: sessionId }, select: { impersonatorId: true } });
  return s?.impersonatorId ? sessionId : null;
}
