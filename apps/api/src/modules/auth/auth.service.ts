import { recordAudit } from '@repo/audit';
import { normalizeEmail, type User } from '@repo/db';
import { AppError } from '../../errors';
import { verifyDummy, verifyPassword } from '../../lib/password';
import type { RequestMeta } from '../../lib/request-meta';
import type { AuthContext } from '../../plugins/auth';
import { type AppDeps, systemClock } from '../../types';
import { completeFirstFactor, type FirstFactorOutcome } from '../two-factor';

export interface SignInInput {
  email: string;
  password: string;
  meta: RequestMeta;
  deviceCookie: string | undefined;
  trustedDeviceCookie?: string | undefined;
}

const invalidCredentials = () => new AppError('invalid_credentials', 'Wrong email or password.');

/**
 * Password sign-in (A1, ADR 0008). Unknown email, wrong password, no password set, disabled or
 * deleted account: one answer (401 invalid_credentials) after one argon2 verification each, so
 * neither the body nor the time tells them apart. Only the right password on an unverified
 * address learns more (403 email_not_verified) — its holder owns the account.
 */
export async function signIn(deps: AppDeps, input: SignInInput): Promise<FirstFactorOutcome> {
  const clock = deps.clock ?? systemClock;
  const email = normalizeEmail(input.email);
  const subject = { action: 'sign_in' as const, ip: input.meta.ip, account: email };
  await deps.bruteForce.assertAllowed(subject);

  let user: User | null;
  let ok: boolean;
  try {
    user = await deps.db.user.findUnique({ where: { email } });
    ok = user?.passwordHash
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyDummy(input.password);
  } catch (error) {
    // The limiter expects exactly one outcome per allowed attempt; an outage is not the caller's fault.
    await deps.bruteForce.recordSuccess({ ...subject, account: null }).catch(() => {});
    throw error;
  }

  if (!ok || !user || user.disabledAt || user.deletedAt) {
    await deps.bruteForce.recordFailure({ ...subject, meta: input.meta });
    await deps.db.$transaction((tx) =>
      recordAudit(
        tx,
        {
          actorId: null,
          action: 'auth.sign_in_failed',
          targetType: user ? 'user' : null,
          targetId: user?.id ?? null,
          meta: input.meta,
        },
        clock.now(),
      ),
    );
    throw invalidCredentials();
  }
  await deps.bruteForce.recordSuccess(subject);
  if (!user.emailVerifiedAt) {
    throw new AppError('email_not_verified', 'Confirm your email address first: we sent you a link.');
  }

  // The second factor (or a trusted device) decides whether this becomes a session (ADR 0012).
  return completeFirstFactor(deps, undefined, {
    userId: user.id,
    amr: ['pwd'],
    meta: input.meta,
    deviceCookie: input.deviceCookie,
    trustedDeviceCookie: input.trustedDeviceCookie,
  });
}

/**
 * Sudo mode (A6): the password again moves the session's auth_time to now. Failures count
 * against the same per-account sign-in budget, so a stolen session cannot guess the password.
 */
export async function reauthenticate(
  deps: AppDeps,
  auth: AuthContext,
  { password, meta }: { password: string; meta: RequestMeta },
): Promise<{ authTime: Date; amr: string[]; user: User }> {
  const now = (deps.clock ?? systemClock).now();
  const user = await deps.db.user.findUnique({ where: { id: auth.userId } });
  if (!user || user.disabledAt || user.deletedAt) throw new AppError('token_invalid');
  const subject = { action: 'sign_in' as const, ip: meta.ip, account: user.email };
  await deps.bruteForce.assertAllowed(subject);
  const ok = user.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : await verifyDummy(password);
  if (!ok) {
    await deps.bruteForce.recordFailure({ ...subject, meta });
    throw new AppError('invalid_credentials', 'Wrong password.');
  }
  await deps.bruteForce.recordSuccess(subject);

  const amr = auth.amr.includes('pwd') ? auth.amr : [...auth.amr, 'pwd'];
  await deps.db.$transaction(async (tx) => {
    const updated = await tx.session.updateMany({
      where: { id: auth.sessionId, userId: auth.userId, revokedAt: null },
      data: { authTime: now, amr },
    });
    if (updated.count !== 1) throw new AppError('token_invalid');
    await recordAudit(
      tx,
      {
        actorId: user.id,
        action: 'auth.reauthenticated',
        targetType: 'session',
        targetId: auth.sessionId,
        meta,
      },
      now,
    );
  });
  return { authTime: now, amr, user };
}
