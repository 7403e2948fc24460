import { recordAudit } from '@repo/audit';
import type { ImpersonationInfo } from '@repo/contracts';
import { AppError } from '../../errors';
import { hashToken } from '../../lib/crypto-tokens';
import type { RequestMeta } from '../../lib/request-meta';
import { type AppDeps, clockOf } from '../../types';
import { insertRefreshToken, revokeSessions } from '../sessions';

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
 * Opens a session AS `targetId` for an admin (D1, ADR 0019). It is an ordinary
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
    // Both rows locked, in id order: a concurrent disable, promotion or demotion of either waits
    // for us (its session revocation then includes this one), or we see its result.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM users WHERE id IN (${targetId}::uuid, ${admin.userId}::uuid) ORDER BY id FOR UPDATE`;
    if (!locked.some((row) => row.id === targetId)) throw new AppError('not_found', 'No such user.');
    const active = { role: true, disabledAt: true, deletedAt: true } as const;
    const [user, impersonator, adminSession] = await Promise.all([
      tx.user.findUniqueOrThrow({ where: { id: targetId }, select: { ...person, ...active } }),
      tx.user.findUniqueOrThrow({ where: { id: admin.userId }, select: { ...person, ...active } }),
      tx.session.findUnique({ where: { id: admin.sessionId }, select: { revokedAt: true } }),
    ]);
    // The token said admin; the rows decide (a demotion or sign-out may have just committed).
    if (
      impersonator.role !== 'admin' ||
      impersonator.disabledAt ||
      impersonator.deletedAt ||
      adminSession?.revokedAt
    )
      throw new AppError('unauthorized');
    if (user.id === admin.userId) throw notAllowed('You cannot impersonate yourself.');
    if (user.role === 'admin') throw notAllowed('Admins cannot be impersonated.');
    if (user.disabledAt || user.deletedAt) throw notAllowed('This account is disabled or deleted.');

    const session = await tx.session.create({
      data: {
        userId: user.id,
        // The admin's address and browser stay in the audit log, not in the user's sessions list.
        device: null,
        userAgent: null,
        ip: null,
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
        meta: { ...admin.meta, impersonatorId: admin.userId },
        after: { sessionId: session.id, reason, expiresAt: expiresAt.toISOString() },
      },
      now,
    );
    const info: ImpersonationInfo = {
      sessionId: session.id,
      user: { id: user.id, email: user.email, name: user.name },
      impersonator: { id: impersonator.id, email: impersonator.email, name: impersonator.name },
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
 * True when `token` was rotated a moment ago (within the refresh reuse grace): a parallel request
 * (another tab's end at the time limit) is restoring the admin, and its cookies must not be wiped.
 */
export async function rotatedJustNow(deps: AppDeps, token: string): Promise<boolean> {
  const row = await deps.db.refreshToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { rotatedAt: true },
  });
  const age = row?.rotatedAt
    ? clockOf(deps).now().getTime() - row.rotatedAt.getTime()
    : Number.POSITIVE_INFINITY;
  return age <= deps.env.REFRESH_REUSE_GRACE_SECONDS * 1000;
}

/**
 * Ends impersonation sessions: those in `sessionIds` (the caller's own) and any opened from the
 * admin session `fromAdminSession` (the stashed one), expired or not. Each is revoked and audited
 * once (`revokeSessions`); returns the impersonated user ids.
 */
export async function endImpersonations(
  deps: AppDeps,
  {
    sessionIds,
    fromAdminSession,
    meta,
  }: { sessionIds: string[]; fromAdminSession: string | null; meta: RequestMeta },
): Promise<string[]> {
  const or = [
    ...(sessionIds.length > 0 ? [{ id: { in: sessionIds } }] : []),
    ...(fromAdminSession ? [{ impersonatorSessionId: fromAdminSession }] : []),
  ];
  if (or.length === 0) return [];
  const ended = await revokeSessions(
    deps,
    { OR: or, impersonatorId: { not: null } },
    { reason: 'impersonation_ended', meta },
  );
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
