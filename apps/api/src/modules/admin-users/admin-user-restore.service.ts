import { recordAudit } from '@repo/audit';
import type { AdminUserListItem } from '@repo/contracts';
import { AppError } from '../../errors';
import { systemClock } from '../../types';
import type { ActionDeps, AdminActor } from './admin-user-actions.service';
import { purgeAfter, userListItem } from './admin-users.service';

/**
 * Undoes a soft delete within the grace period (sudo). Soft deletion keeps everything but the
 * sessions (memberships, organizations, email address — the address stays reserved, so nobody
 * can have signed up with it meanwhile), so clearing deletedAt gives the account back as it was;
 * the user signs in again. 404 once purged, 409 `user_not_deleted` / `user_restore_expired`.
 * The purge claims rows with FOR UPDATE: a restore racing it waits, then finds the row gone (404).
 */
export async function restoreUser(
  deps: ActionDeps,
  actor: AdminActor,
  userId: string,
): Promise<AdminUserListItem> {
  const now = (deps.clock ?? systemClock).now();
  return deps.db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { deletedAt: true } });
    if (!user) throw new AppError('not_found', 'No such user: a deleted account is gone once purged.');
    const { deletedAt } = user;
    if (!deletedAt) throw new AppError('user_not_deleted', 'The account is not deleted.');
    const due = purgeAfter(deletedAt, deps.env.USER_DELETION_GRACE_DAYS);
    if (due && due.getTime() <= now.getTime()) {
      throw new AppError('user_restore_expired', 'The grace period is over: the account is being purged.');
    }
    const changed = await tx.user.updateMany({ where: { id: userId, deletedAt }, data: { deletedAt: null } });
    if (changed.count !== 1) {
      const current = await tx.user.findUnique({ where: { id: userId }, select: { deletedAt: true } });
      if (!current) throw new AppError('not_found', 'No such user: a deleted account is gone once purged.');
      throw new AppError('user_not_deleted', 'The account was restored meanwhile.');
    }
    await recordAudit(
      tx,
      {
        actorId: actor.userId,
        action: 'admin.user_restored',
        targetType: 'user',
        targetId: userId,
        meta: actor.meta,
        before: { deletedAt: deletedAt.toISOString() },
        after: { deletedAt: null },
      },
      now,
    );
    return userListItem(tx, userId);
  });
}
