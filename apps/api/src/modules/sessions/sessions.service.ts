import { recordAudit } from '@repo/audit';
import type { Locale } from '@repo/contracts';
import type { Prisma, Tx } from '@repo/db';
import { writeOutboxEvent } from '@repo/outbox';
import { generateToken, hashToken } from '../../lib/crypto-tokens';
import { deviceLabel } from '../../lib/device';
import type { RequestMeta } from '../../lib/request-meta';
import { type AppDeps, systemClock } from '../../types';
import { recordActivityInTx } from './activity';

export type SessionDeps = Pick<AppDeps, 'db' | 'env' | 'revocations' | 'clock' | 'logger'>;

const addSeconds = (d: Date, s: number) => new Date(d.getTime() + s * 1000);

export interface CreateSessionInput {
  userId: string;
  /** RFC 8176 methods, e.g. ['pwd']. */
  amr: string[];
  ip: string | null;
  userAgent: string | null;
  /** The long-lived device cookie the browser sent, if any (a new one is minted otherwise). */
  deviceCookie?: string | null;
}

export interface CreatedSession {
  sessionId: string;
  refreshToken: string;
  /** When the refresh token stops working at the latest (cookie expiry). */
  refreshExpiresAt: Date;
  authTime: Date;
  /** Value for the device cookie: the one sent, or a new one to set. */
  deviceCookie: string;
  /** True when a `session.new_device` event was written. */
  newDevice: boolean;
}

/**
 * Opens a session and its first refresh token inside the caller's transaction. The device is
 * recognised by the hash of a long-lived cookie: a sign-in from a device this user never signed in
 * from gets a `session.new_device` mail — except the account's very first sign-in, which is
 * expected and would only teach users to ignore the mail.
 */
export async function createSession(
  deps: SessionDeps,
  tx: Tx,
  input: CreateSessionInput,
): Promise<CreatedSession> {
  const now = (deps.clock ?? systemClock).now();
  const { env } = deps;
  const deviceCookie = input.deviceCookie || generateToken();
  const deviceId = hashToken(deviceCookie);
  const device = deviceLabel(input.userAgent);

  const [earlier, sameDevice] = await Promise.all([
    tx.session.count({ where: { userId: input.userId } }),
    tx.session.count({ where: { userId: input.userId, deviceId } }),
  ]);
  const expiresAt = addSeconds(now, env.SESSION_ABSOLUTE_TTL_SECONDS);
  const idleExpiresAt = new Date(
    Math.min(addSeconds(now, env.SESSION_IDLE_TTL_SECONDS).getTime(), +expiresAt),
  );
  const session = await tx.session.create({
    data: {
      userId: input.userId,
      deviceId,
      device,
      userAgent: input.userAgent,
      ip: input.ip,
      amr: input.amr,
      authTime: now,
      lastUsedAt: now,
      idleExpiresAt,
      expiresAt,
      createdAt: now,
    },
    select: { id: true },
  });
  const refreshToken = await insertRefreshToken(tx, session.id, now);
  await recordActivityInTx(tx, input.userId, now, deps.logger);

  const newDevice = earlier > 0 && sameDevice === 0;
  if (newDevice) {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: input.userId },
      select: { email: true, locale: true },
    });
    await writeOutboxEvent(
      tx,
      'session.new_device',
      {
        userId: input.userId,
        email: user.email,
        locale: user.locale as Locale,
        device,
        ip: input.ip,
        at: now.toISOString(),
      },
      now,
    );
  }
  return {
    sessionId: session.id,
    refreshToken,
    refreshExpiresAt: idleExpiresAt,
    authTime: now,
    deviceCookie,
    newDevice,
  };
}

/** Mints a refresh token for a session; only its SHA-256 is stored. */
export async function insertRefreshToken(tx: Tx, sessionId: string, now: Date): Promise<string> {
  const token = generateToken();
  await tx.refreshToken.create({ data: { sessionId, tokenHash: hashToken(token), createdAt: now } });
  return token;
}

export interface RevokeOptions {
  reason: string;
  /** Keep this one (the caller's current session, e.g. after a password change). */
  exceptSessionId?: string;
  /** Revoke inside the caller's transaction (the broadcast then happens before its commit). */
  tx?: Tx;
}

/**
 * Ends every live session of a user and broadcasts the ids, so their access tokens stop working on
 * every instance within a second. With `tx`, the broadcast is sent before the caller commits:
 * should that transaction roll back, the sessions' access tokens are refused until they expire
 * (at most ACCESS_TOKEN_TTL) while their refresh tokens still work — failing closed, never open.
 * The sessions the user opened as someone else (an admin's impersonations, D1) end with theirs.
 * Returns the revoked session ids.
 */
export async function revokeUserSessions(
  deps: SessionDeps,
  userId: string,
  { reason, exceptSessionId, tx }: RevokeOptions,
): Promise<string[]> {
  return revokeWhere(
    deps,
    {
      OR: [{ userId }, { impersonatorId: userId }],
      ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}),
    },
    reason,
    tx,
  );
}

/** Revokes one of the user's own sessions; false when it is not theirs, unknown or already ended. */
export async function revokeSession(
  deps: SessionDeps,
  { userId, sessionId, reason, tx }: { userId: string; sessionId: string; reason: string; tx?: Tx },
): Promise<boolean> {
  const ids = await revokeWhere(deps, { userId, id: sessionId }, reason, tx);
  return ids.length > 0;
}

async function revokeWhere(
  deps: SessionDeps,
  where: Prisma.SessionWhereInput,
  reason: string,
  tx?: Tx,
): Promise<string[]> {
  const rows = await revokeSessions(deps, where, { reason, ...(tx ? { tx } : {}) });
  return rows.map((r) => r.id);
}

export interface RevokedSession {
  id: string;
  userId: string;
  impersonatorId: string | null;
}

/**
 * The one place sessions end: live sessions matching `where` are revoked (each exactly once:
 * `revoked_at IS NULL`) and broadcast. An impersonation ends however its session does — its own
 * end, a sign-out, the user's "sign out other sessions", a password change, the admin's demotion
 * — so each revoked one is recorded here as `admin.impersonation_ended`, by its admin (D1).
 */
export async function revokeSessions(
  deps: SessionDeps,
  where: Prisma.SessionWhereInput,
  { reason, tx, meta = null }: { reason: string; tx?: Tx; meta?: RequestMeta | null },
): Promise<RevokedSession[]> {
  const now = (deps.clock ?? systemClock).now();
  const run = async (t: Tx) => {
    const rows = await t.session.updateManyAndReturn({
      where: { ...where, revokedAt: null },
      data: { revokedAt: now, revokedReason: reason },
      select: { id: true, userId: true, impersonatorId: true, expiresAt: true },
    });
    for (const row of rows) {
      if (!row.impersonatorId) continue;
      await recordAudit(
        t,
        {
          actorId: row.impersonatorId,
          impersonatorId: row.impersonatorId,
          action: 'admin.impersonation_ended',
          targetType: 'user',
          targetId: row.userId,
          meta,
          after: { sessionId: row.id, reason, expired: row.expiresAt <= now },
        },
        now,
      );
    }
    return rows;
  };
  const rows = tx ? await run(tx) : await deps.db.$transaction(run);
  await deps.revocations.publish(rows.map((r) => r.id));
  return rows.map(({ id, userId, impersonatorId }) => ({ id, userId, impersonatorId }));
}
