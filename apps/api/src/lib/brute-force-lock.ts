import { recordAudit } from '@repo/audit';
import { Locale } from '@repo/contracts';
import { type Db, normalizeEmail } from '@repo/db';
import { writeOutboxEvent } from '@repo/outbox';
import { issueEmailToken } from './email-tokens';
import type { RequestMeta } from './request-meta';

/**
 * What happens once when an account becomes locked: an unlock link (valid as long as the lock),
 * an `auth.locked` audit row and the `user.locked` mail, in one transaction. Only for an account
 * that exists: probing unknown addresses locks them the same way (identical answers) but mails
 * nobody. Returns whether a user was notified.
 */
export async function notifyLocked(
  deps: { db: Db; lockoutSeconds: number },
  input: { account: string; lockedUntil: Date; now: Date; meta: RequestMeta | null },
): Promise<boolean> {
  const email = normalizeEmail(input.account);
  const user = await deps.db.user.findFirst({
    where: { email, deletedAt: null },
    select: { id: true, email: true, locale: true },
  });
  if (!user) return false;
  const { now, lockedUntil } = input;
  await deps.db.$transaction(async (tx) => {
    const { token, expiresAt } = await issueEmailToken(tx, {
      userId: user.id,
      purpose: 'unlock_account',
      email: user.email,
      ttlSeconds: deps.lockoutSeconds,
      now,
    });
    await recordAudit(
      tx,
      {
        actorId: null,
        action: 'auth.locked',
        targetType: 'user',
        targetId: user.id,
        meta: input.meta,
        after: { lockedUntil: lockedUntil.toISOString() },
      },
      now,
    );
    await writeOutboxEvent(
      tx,
      'user.locked',
      {
        userId: user.id,
        email: user.email,
        locale: Locale.catch('en').parse(user.locale),
        token,
        expiresAt: expiresAt.toISOString(),
        lockedUntil: lockedUntil.toISOString(),
      },
      now,
    );
  });
  return true;
}
