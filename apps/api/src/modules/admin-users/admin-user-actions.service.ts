import { type AuditAction, recordAudit } from '@repo/audit';
import type { AdminUserListItem, GlobalRole } from '@repo/contracts';
import type { Tx } from '@repo/db';
import { AppError } from '../../errors';
import { issueEmailLink } from '../../lib/email-tokens';
import type { RequestMeta } from '../../lib/request-meta';
import { type AppDeps, systemClock } from '../../types';
import { revokeUserSessions } from '../sessions';
import { notifyTwoFactor, revokeTrustedDevices } from '../two-factor';
import { userListItem } from './admin-users.service';

/** The global admin acting, from the verified access token. */
export interface AdminActor {
  userId: string;
  meta: RequestMeta;
}

export type ActionDeps = Pick<AppDeps, 'db' | 'env' | 'revocations' | 'clock'>;

/**
 * Serializes changes that could remove the last usable admin (demote, disable, delete), so two
 * admins acting on each other at once cannot both succeed. Transaction-scoped advisory lock.
 */
async function lockAdminSet(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(72776478)`;
}

/** 409 unless another admin who can still sign in would remain. */
async function assertAnotherAdmin(tx: Tx, userId: string): Promise<void> {
  await lockAdminSet(tx);
  const others = await tx.user.count({
    where: { role: 'admin', deletedAt: null, disabledAt: null, id: { not: userId } },
  });
  if (others === 0)
    throw new AppError('conflict', 'This is the last active admin: promote another one first.');
}

function refuseSelf(actor: AdminActor, userId: string, what: string): void {
  if (actor.userId === userId) {
    throw new AppError('conflict', `You cannot ${what} your own account: ask another admin.`);
  }
}

async function target(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError('not_found', 'No such user.');
  return user;
}

function audit(
  tx: Tx,
  actor: AdminActor,
  action: AuditAction,
  userId: string,
  now: Date,
  diff: { before?: unknown; after?: unknown } = {},
) {
  return recordAudit(
    tx,
    { actorId: actor.userId, action, targetType: 'user', targetId: userId, meta: actor.meta, ...diff },
    now,
  );
}

const clockOf = (deps: ActionDeps) => (deps.clock ?? systemClock).now();

/**
 * Changes the global role (sudo). A promotion takes effect at the user's next token refresh
 * (refresh reads the role from the database). A demotion also revokes every session: the admin
 * claim in an already issued access token would otherwise stay valid until it expires, and
 * revocation is what reaches every instance within a second.
 */
export async function changeUserRole(
  deps: ActionDeps,
  actor: AdminActor,
  userId: string,
  role: GlobalRole,
): Promise<AdminUserListItem> {
  const now = clockOf(deps);
  return deps.db.$transaction(async (tx) => {
    const user = await target(tx, userId);
    if (user.deletedAt) throw new AppError('conflict', 'The account is deleted.');
    if (user.role === role) return userListItem(tx, userId);
    if (role === 'user') {
      refuseSelf(actor, userId, 'demote');
      await assertAnotherAdmin(tx, userId);
    }
    const changed = await tx.user.updateMany({ where: { id: userId, role: user.role }, data: { role } });
    if (changed.count !== 1) throw new AppError('conflict', 'The role changed meanwhile: reload and retry.');
    const revoked =
      role === 'user' ? await revokeUserSessions(deps, userId, { reason: 'admin_role_changed', tx }) : [];
    await audit(tx, actor, 'admin.user_role_changed', userId, now, {
      before: { role: user.role },
      after: { role, revokedSessions: revoked.length },
    });
    return userListItem(tx, userId);
  });
}

/** Disables the account: sign-in is refused and every session ends at once. */
export async function disableUser(deps: ActionDeps, actor: AdminActor, userId: string) {
  refuseSelf(actor, userId, 'disable');
  const now = clockOf(deps);
  return deps.db.$transaction(async (tx) => {
    const user = await target(tx, userId);
    if (user.deletedAt) throw new AppError('conflict', 'The account is deleted.');
    if (user.disabledAt) throw new AppError('conflict', 'The account is already disabled.');
    if (user.role === 'admin') await assertAnotherAdmin(tx, userId);
    // Conditional: of two concurrent disables, one wins and one is told it is already done.
    const changed = await tx.user.updateMany({
      where: { id: userId, disabledAt: null },
      data: { disabledAt: now },
    });
    if (changed.count !== 1) throw new AppError('conflict', 'The account is already disabled.');
    const revoked = await revokeUserSessions(deps, userId, { reason: 'admin_disabled', tx });
    await audit(tx, actor, 'admin.user_disabled', userId, now, {
      before: { disabledAt: null },
      after: { disabledAt: now.toISOString(), revokedSessions: revoked.length },
    });
    return userListItem(tx, userId);
  });
}

export async function enableUser(deps: ActionDeps, actor: AdminActor, userId: string) {
  const now = clockOf(deps);
  return deps.db.$transaction(async (tx) => {
    const user = await target(tx, userId);
    if (user.deletedAt) throw new AppError('conflict', 'The account is deleted.');
    const changed = await tx.user.updateMany({
      where: { id: userId, disabledAt: { not: null } },
      data: { disabledAt: null },
    });
    if (changed.count !== 1) throw new AppError('conflict', 'The account is not disabled.');
    await audit(tx, actor, 'admin.user_enabled', userId, now, {
      before: { disabledAt: user.disabledAt?.toISOString() ?? null },
      after: { disabledAt: null },
    });
    return userListItem(tx, userId);
  });
}

/** Ends every session of the user (their access tokens stop working within a second). */
export async function signOutUser(deps: ActionDeps, actor: AdminActor, userId: string) {
  const now = clockOf(deps);
  return deps.db.$transaction(async (tx) => {
    await target(tx, userId);
    const revoked = await revokeUserSessions(deps, userId, { reason: 'admin_signed_out', tx });
    await audit(tx, actor, 'admin.user_signed_out', userId, now, {
      after: { revokedSessions: revoked.length },
    });
    return { revokedSessions: revoked.length };
  });
}

/**
 * Removes the second factor the way the user's own "disable 2FA" does (secret, backup codes,
 * trusted devices, pending challenges) — for a user who lost their device. A pending enrolment is
 * cleared too. The user is mailed (user.two_factor_disabled) when a factor was actually on.
 */
export async function resetTwoFactor(deps: ActionDeps, actor: AdminActor, userId: string) {
  // One's own second factor goes through the security page (sudo + TWO_FACTOR_POLICY).
  refuseSelf(actor, userId, 'reset the two-factor authentication of');
  const now = clockOf(deps);
  return deps.db.$transaction(async (tx) => {
    const user = await target(tx, userId);
    const existing = await tx.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
    const removed = await tx.twoFactor.deleteMany({ where: { userId } });
    if (removed.count === 0) throw new AppError('conflict', 'Two-factor authentication is not set up.');
    const backupCodes = await tx.backupCode.deleteMany({ where: { userId } });
    const trustedDevices = await revokeTrustedDevices(tx, { userId, now });
    await tx.twoFactorChallenge.updateMany({
      where: { userId, consumedAt: null },
      data: { consumedAt: now },
    });
    await audit(tx, actor, 'admin.user_two_factor_reset', userId, now, {
      before: { twoFactorEnabled: Boolean(existing?.enabledAt) },
      after: {
        twoFactorEnabled: false,
        backupCodesRemoved: backupCodes.count,
        trustedDevicesRevoked: trustedDevices,
      },
    });
    if (existing?.enabledAt && !user.deletedAt) {
      await notifyTwoFactor(tx, 'user.two_factor_disabled', user, actor.meta, now);
    }
    return userListItem(tx, userId);
  });
}

/** A fresh verification link (older links stop working), for an unverified, usable account. */
export async function resendVerification(deps: ActionDeps, actor: AdminActor, userId: string) {
  const now = clockOf(deps);
  return deps.db.$transaction(async (tx) => {
    const user = await target(tx, userId);
    if (user.emailVerifiedAt) throw new AppError('conflict', 'The email address is already verified.');
    if (user.deletedAt || user.disabledAt)
      throw new AppError('conflict', 'The account is disabled or deleted.');
    await issueEmailLink(
      tx,
      user,
      { purpose: 'verify_email', ttlSeconds: deps.env.EMAIL_VERIFICATION_TTL_SECONDS, now },
      { type: 'user.verification_requested', purpose: 'sign_up' },
    );
    await audit(tx, actor, 'admin.user_verification_resent', userId, now, { after: { email: user.email } });
    return userListItem(tx, userId);
  });
}

/**
 * Soft delete (sudo): deletedAt is set and every session ends; everything else (memberships,
 * organizations, the email address) stays, so restoreUser can undo it within
 * USER_DELETION_GRACE_DAYS. After that the worker's `users.purge` job hard-deletes the account.
 */
export async function deleteUser(deps: ActionDeps, actor: AdminActor, userId: string) {
  refuseSelf(actor, userId, 'delete');
  const now = clockOf(deps);
  return deps.db.$transaction(async (tx) => {
    const user = await target(tx, userId);
    if (user.role === 'admin' && !user.deletedAt) await assertAnotherAdmin(tx, userId);
    const changed = await tx.user.updateMany({
      where: { id: userId, deletedAt: null },
      data: { deletedAt: now },
    });
    if (changed.count !== 1) throw new AppError('conflict', 'The account is already deleted.');
    const revoked = await revokeUserSessions(deps, userId, { reason: 'admin_deleted', tx });
    await audit(tx, actor, 'admin.user_deleted', userId, now, {
      before: { deletedAt: null },
      after: { deletedAt: now.toISOString(), revokedSessions: revoked.length },
    });
    return userListItem(tx, userId);
  });
}
