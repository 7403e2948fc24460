import { recordAudit } from '@repo/audit';
import { normalizeEmail } from '@repo/db';
import { hashToken } from '../../lib/crypto-tokens';
import { consumeEmailToken, issueEmailLink } from '../../lib/email-tokens';
import { hashPassword } from '../../lib/password';
import type { RequestMeta } from '../../lib/request-meta';
import { clockOf } from '../../types';
import {
  type AccountsDeps,
  assertPasswordPolicy,
  countMailingAttempt,
  linkTokenInvalid,
} from './accounts.shared';
import { passwordChanged } from './password-changed';

/**
 * Queues a reset link for the account with this address, if there is one. The link goes to the
 * address STORED on the account (canonical form), never to the string the requester typed.
 */
export async function forgotPassword(deps: AccountsDeps, meta: RequestMeta, input: { email: string }) {
  const email = normalizeEmail(input.email);
  await countMailingAttempt(deps, meta, 'forgot', email);
  const now = clockOf(deps).now();
  await deps.db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email } });
    if (!user || user.deletedAt || user.disabledAt) return;
    await issueEmailLink(
      tx,
      user,
      { purpose: 'reset_password', ttlSeconds: deps.env.PASSWORD_RESET_TTL_SECONDS, now },
      { type: 'user.password_reset_requested' },
    );
  });
}

/**
 * Sets a new password from a reset link and signs the account out everywhere (whoever knew the
 * old password loses their sessions). The policy is checked BEFORE the token is consumed, so a
 * rejected password does not burn the link; the consume itself is the conditional UPDATE, so of
 * concurrent resets with one token exactly one wins.
 */
export async function resetPassword(
  deps: AccountsDeps,
  meta: RequestMeta,
  input: { token: string; password: string },
): Promise<{ userId: string }> {
  const clock = clockOf(deps);
  // Read-only peek to learn whose password this is (for the context-word check); not a consume.
  const peek = await deps.db.emailToken.findFirst({
    where: {
      tokenHash: hashToken(input.token),
      purpose: 'reset_password',
      usedAt: null,
      expiresAt: { gt: clock.now() },
    },
    select: { user: { select: { email: true, name: true } } },
  });
  if (!peek) throw linkTokenInvalid();
  assertPasswordPolicy(input.password, { email: peek.user.email, name: peek.user.name });
  const passwordHash = await hashPassword(input.password);
  const now = clock.now();

  const user = await deps.db.$transaction(async (tx) => {
    const consumed = await consumeEmailToken(tx, { token: input.token, purpose: 'reset_password', now });
    if (!consumed) throw linkTokenInvalid();
    const current = await tx.user.findUnique({ where: { id: consumed.userId } });
    // A link mailed to a previous address of the account proves nothing about the current one.
    if (!current || current.deletedAt || current.disabledAt || current.email !== consumed.email) {
      throw linkTokenInvalid();
    }
    // Following the link proves control of the mailbox, so it also verifies the address.
    await tx.user.update({
      where: { id: current.id },
      data: { passwordHash, passwordChangedAt: now, emailVerifiedAt: current.emailVerifiedAt ?? now },
    });
    await passwordChanged(deps, tx, current, { by: 'reset', meta, now });
    return current;
  });
  // The owner just proved control of the mailbox: lift a sign-in lock an attacker may have caused.
  await deps.bruteForce.unlock(user.email);
  return { userId: user.id };
}

/** Lifts the temporary sign-in lock from the link in the "account locked" mail. */
export async function unlockAccount(
  deps: AccountsDeps,
  meta: RequestMeta,
  input: { token: string },
): Promise<{ userId: string }> {
  const now = clockOf(deps).now();
  const user = await deps.db.$transaction(async (tx) => {
    const consumed = await consumeEmailToken(tx, { token: input.token, purpose: 'unlock_account', now });
    if (!consumed) throw linkTokenInvalid();
    const current = await tx.user.findUnique({ where: { id: consumed.userId } });
    if (!current || current.deletedAt) throw linkTokenInvalid();
    await recordAudit(
      tx,
      { actorId: current.id, action: 'auth.unlocked', targetType: 'user', targetId: current.id, meta },
      now,
    );
    return current;
  });
  await deps.bruteForce.unlock(user.email);
  return { userId: user.id };
}
