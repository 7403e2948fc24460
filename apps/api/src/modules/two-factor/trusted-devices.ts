import type { Tx } from '@repo/db';
import type { FastifyReply } from 'fastify';
import { generateToken, hashToken } from '../../lib/crypto-tokens';
import { deviceLabel } from '../../lib/device';
import type { RequestMeta } from '../../lib/request-meta';

/**
 * "Remember this device" (A4): an httpOnly cookie whose SHA-256 names a TrustedDevice row. While
 * the row is unrevoked and unexpired, a first factor from this browser opens a session directly.
 * Separate from the device cookie (new-device mails), which every browser gets and never expires.
 */
export const trustedCookieName = (secure: boolean) => `${secure ? '__Host-' : ''}gw_tdv`;

export function setTrustedCookie(reply: FastifyReply, secure: boolean, value: string, expiresAt: Date): void {
  reply.setCookie(trustedCookieName(secure), value, {
    httpOnly: true,
    secure,
    sameSite: 'lax',
    path: '/',
    expires: expiresAt,
  });
}

export async function createTrustedDevice(
  tx: Tx,
  { userId, meta, days, now }: { userId: string; meta: RequestMeta; days: number; now: Date },
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + days * 86_400_000);
  const row = await tx.trustedDevice.create({
    data: {
      userId,
      tokenHash: hashToken(token),
      device: deviceLabel(meta.userAgent),
      ip: meta.ip,
      expiresAt,
      lastUsedAt: now,
      createdAt: now,
    },
    select: { id: true },
  });
  return { id: row.id, token, expiresAt };
}

/** The trusted device this cookie names for this user, touched; null when absent, revoked or expired. */
export async function useTrustedDevice(
  tx: Tx,
  { userId, cookie, now }: { userId: string; cookie: string | null | undefined; now: Date },
): Promise<string | null> {
  if (!cookie) return null;
  const rows = await tx.trustedDevice.updateManyAndReturn({
    where: { tokenHash: hashToken(cookie), userId, revokedAt: null, expiresAt: { gt: now } },
    data: { lastUsedAt: now },
    select: { id: true },
  });
  return rows[0]?.id ?? null;
}

export async function listTrustedDevices(
  tx: Pick<Tx, 'trustedDevice'>,
  { userId, cookie, now }: { userId: string; cookie: string | undefined; now: Date },
) {
  const currentHash = cookie ? hashToken(cookie) : null;
  const rows = await tx.trustedDevice.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: 'desc' },
  });
  return rows.map((r) => ({
    id: r.id,
    device: r.device,
    ip: r.ip,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt.toISOString(),
    current: r.tokenHash === currentHash,
  }));
}

/** Revokes one (by id) or all of the user's trusted devices; returns how many. */
export async function revokeTrustedDevices(
  tx: Pick<Tx, 'trustedDevice'>,
  { userId, id, now }: { userId: string; id?: string; now: Date },
): Promise<number> {
  const { count } = await tx.trustedDevice.updateMany({
    where: { userId, revokedAt: null, ...(id ? { id } : {}) },
    data: { revokedAt: now },
  });
  return count;
}
