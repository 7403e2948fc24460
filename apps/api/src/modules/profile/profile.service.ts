import { recordAudit } from '@repo/audit';
import type { ChangePasswordBody, Locale, UpdateProfileBody } from '@repo/contracts';
import { normalizeEmail, type User } from '@repo/db';
import { publishUserUpdated, writeOutboxEvent } from '@repo/outbox';
import type { z } from 'zod';
import { AppError } from '../../errors';
import { issueEmailToken } from '../../lib/email-tokens';
import { hashPassword, verifyDummy, verifyPassword } from '../../lib/password';
import type { RequestMeta } from '../../lib/request-meta';
import { type AppDeps, clockOf } from '../../types';
import { assertPasswordPolicy, passwordChanged } from '../accounts';

/** The signed-in caller, as the guards established it. */
export interface Caller {
  userId: string;
  sessionId: string;
}

/**
 * The caller's account. A deleted or disabled account answers 401 like a revoked session: its
 * access token may outlive the change by up to its TTL, but it must not read anything.
 */
export async function loadCaller(deps: AppDeps, caller: Caller): Promise<User> {
  const user = await deps.db.user.findUnique({ where: { id: caller.userId } });
  if (!user || user.deletedAt || user.disabledAt) throw new AppError('unauthorized');
  return user;
}

export async function updateProfile(
  deps: AppDeps,
  meta: RequestMeta,
  caller: Caller,
  input: z.output<typeof UpdateProfileBody>,
): Promise<User> {
  const now = clockOf(deps).now();
  return deps.db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: caller.userId } });
    if (!before || before.deletedAt || before.disabledAt) throw new AppError('unauthorized');
    // Only the three profile fields, each only when sent (strictUndefinedChecks forbids undefined).
    const data = Object.fromEntries(
      (['name', 'locale', 'timezone'] as const)
        .filter((k) => input[k] !== undefined)
        .map((k) => [k, input[k]]),
    );
    const after = await tx.user.update({ where: { id: caller.userId }, data });
    const pick = (u: User) => ({ name: u.name, locale: u.locale, timezone: u.timezone });
    await recordAudit(
      tx,
      {
        actorId: caller.userId,
        action: 'profile.updated',
        targetType: 'user',
        targetId: caller.userId,
        meta,
        before: pick(before),
        after: pick(after),
      },
      now,
    );
    await publishUserUpdated(tx, caller.userId, after.name === before.name ? [] : ['name'], now);
    return after;
  });
}

/**
 * Changes the password (sudo route): the current password is required even inside the sudo
 * window (NIST), every OTHER session is signed out, and the owner gets a notice.
 */
export async function changePassword(
  deps: AppDeps,
  meta: RequestMeta,
  caller: Caller,
  input: z.output<typeof ChangePasswordBody>,
): Promise<void> {
  const user = await loadCaller(deps, caller);
  const ok = user.passwordHash
    ? await verifyPassword(user.passwordHash, input.currentPassword)
    : await verifyDummy(input.currentPassword);
  if (!ok) {
    // 400, not 401: the session is fine, and a 401 would make the web client sign the user out.
    throw new AppError('validation_failed', 'The current password is wrong.', {
      errors: [
        { path: 'currentPassword', code: 'password_incorrect', message: 'The current password is wrong.' },
      ],
    });
  }
  assertPasswordPolicy(input.newPassword, { email: user.email, name: user.name }, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  const now = clockOf(deps).now();
  await deps.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: now } });
    await passwordChanged(deps, tx, user, { by: 'change', meta, now, exceptSessionId: caller.sessionId });
  });
}

/**
 * Starts an email change (sudo route): a link goes to the NEW address; nothing changes until it is
 * followed (verify-email, purpose change_email). Answers the same whether or not the address is
 * taken — that is only checked on confirmation (409) — so the route cannot probe for accounts.
 */
export async function requestEmailChange(
  deps: AppDeps,
  meta: RequestMeta,
  caller: Caller,
  input: { newEmail: string },
): Promise<void> {
  const newEmail = normalizeEmail(input.newEmail);
  const user = await loadCaller(deps, caller);
  if (newEmail === user.email) {
    throw new AppError('validation_failed', 'This is already your address.', {
      errors: [{ path: 'newEmail', code: 'email_unchanged', message: 'This is already your address.' }],
    });
  }
  const now = clockOf(deps).now();
  await deps.db.$transaction(async (tx) => {
    const { token, expiresAt } = await issueEmailToken(tx, {
      userId: user.id,
      purpose: 'change_email',
      email: newEmail,
      ttlSeconds: deps.env.EMAIL_VERIFICATION_TTL_SECONDS,
      now,
    });
    await recordAudit(
      tx,
      {
        actorId: user.id,
        action: 'auth.email_change_requested',
        targetType: 'user',
        targetId: user.id,
        meta,
        after: { newEmail },
      },
      now,
    );
    await writeOutboxEvent(
      tx,
      'user.verification_requested',
      {
        userId: user.id,
        email: newEmail,
        locale: user.locale as Locale,
        token,
        expiresAt: expiresAt.toISOString(),
        purpose: 'change_email',
      },
      now,
    );
  });
}
