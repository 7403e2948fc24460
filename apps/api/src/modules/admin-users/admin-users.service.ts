import { type AdminUserDetail, type AdminUserListItem, imageUrlOf, type OrgRole } from '@repo/contracts';
import type { Db, Tx } from '@repo/db';
import { AppError } from '../../errors';
import { type AppDeps, systemClock } from '../../types';
import { statusOf } from './admin-user-list';

const ACTIVITY_LIMIT = 50;
const DAY_MS = 86_400_000;

/** When a deleted account is purged (the worker's `users.purge` job); null if it is not deleted. */
export function purgeAfter(deletedAt: Date | null, graceDays: number): Date | null {
  return deletedAt ? new Date(deletedAt.getTime() + graceDays * DAY_MS) : null;
}

const itemSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  emailVerifiedAt: true,
  disabledAt: true,
  deletedAt: true,
  createdAt: true,
  avatarFileId: true,
  twoFactor: { select: { enabledAt: true } },
} as const;

interface ItemRow {
  id: string;
  email: string;
  name: string;
  role: 'user' | 'admin';
  emailVerifiedAt: Date | null;
  disabledAt: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
  avatarFileId: string | null;
  twoFactor: { enabledAt: Date | null } | null;
}

function toItem(row: ItemRow, lastSignInAt: Date | null): AdminUserListItem {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: statusOf(row),
    emailVerified: row.emailVerifiedAt !== null,
    twoFactorEnabled: Boolean(row.twoFactor?.enabledAt),
    createdAt: row.createdAt.toISOString(),
    lastSignInAt: lastSignInAt?.toISOString() ?? null,
    avatarUrl: imageUrlOf(row.avatarFileId),
  };
}

async function lastSignIn(db: Db | Tx, userId: string): Promise<Date | null> {
  const agg = await db.session.aggregate({ where: { userId }, _max: { createdAt: true } });
  return agg._max.createdAt;
}

/** One user as the list shows it (after an action). */
export async function userListItem(db: Db | Tx, userId: string): Promise<AdminUserListItem> {
  const row = await db.user.findUnique({ where: { id: userId }, select: itemSelect });
  if (!row) throw new AppError('not_found', 'No such user.');
  return toItem(row, await lastSignIn(db, userId));
}

/**
 * Everything an admin needs to judge an account: profile, live sessions, sign-in identities,
 * organizations, and the newest audit rows where the user acted or was acted upon. Deleted
 * accounts are shown too (their rows stay for the audit trail); an unknown id is 404.
 */
export async function getUserDetail(
  deps: Pick<AppDeps, 'db' | 'clock' | 'env'>,
  userId: string,
): Promise<AdminUserDetail> {
  const now = (deps.clock ?? systemClock).now();
  const { db } = deps;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      ...itemSelect,
      locale: true,
      timezone: true,
      passwordHash: true,
      updatedAt: true,
      sessions: {
        where: { revokedAt: null, expiresAt: { gt: now }, idleExpiresAt: { gt: now } },
        orderBy: { lastUsedAt: 'desc' },
        select: { id: true, device: true, ip: true, createdAt: true, lastUsedAt: true, expiresAt: true },
      },
      identities: {
        orderBy: { createdAt: 'asc' },
        select: { id: true, provider: true, email: true, createdAt: true, lastUsedAt: true },
      },
      memberships: {
        orderBy: { createdAt: 'asc' },
        select: {
          role: true,
          createdAt: true,
          organization: { select: { id: true, name: true, slug: true, personal: true } },
        },
      },
    },
  });
  if (!user) throw new AppError('not_found', 'No such user.');
  const [lastSignInAt, activity] = await Promise.all([
    lastSignIn(db, userId),
    db.auditLog.findMany({
      where: { OR: [{ actorId: userId }, { targetType: 'user', targetId: userId }] },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: ACTIVITY_LIMIT,
      select: {
        id: true,
        action: true,
        actorId: true,
        targetType: true,
        targetId: true,
        organizationId: true,
        ip: true,
        createdAt: true,
      },
    }),
  ]);
  return {
    ...toItem(user, lastSignInAt),
    locale: user.locale,
    timezone: user.timezone,
    hasPassword: user.passwordHash !== null,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    deletedAt: user.deletedAt?.toISOString() ?? null,
    purgeAfter: purgeAfter(user.deletedAt, deps.env.USER_DELETION_GRACE_DAYS)?.toISOString() ?? null,
    updatedAt: user.updatedAt.toISOString(),
    sessions: user.sessions.map((s) => ({
      id: s.id,
      device: s.device,
      ip: s.ip,
      createdAt: s.createdAt.toISOString(),
      lastUsedAt: s.lastUsedAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
    })),
    identities: user.identities.map((i) => ({
      id: i.id,
      provider: i.provider,
      email: i.email,
      createdAt: i.createdAt.toISOString(),
      lastUsedAt: i.lastUsedAt?.toISOString() ?? null,
    })),
    organizations: user.memberships.map((m) => ({
      organizationId: m.organization.id,
      name: m.organization.name,
      slug: m.organization.slug,
      personal: m.organization.personal,
      role: m.role as OrgRole,
      joinedAt: m.createdAt.toISOString(),
    })),
    activity: activity.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
  };
}
