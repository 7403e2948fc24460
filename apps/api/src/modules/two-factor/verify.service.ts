import { recordAudit } from '@repo/audit';
import type { Tx, User } from '@repo/db';
import { AppError } from '../../errors';
import { hashToken } from '../../lib/crypto-tokens';
import type { RequestMeta } from '../../lib/request-meta';
import { type AppDeps, systemClock } from '../../types';
import { consumeBackupCode } from './backup-codes';
import { type OpenedSession, openSession } from './challenge.service';
import { notifyBackupCodeUsed } from './notify';
import { matchTotp, openSecret } from './totp';
import { createTrustedDevice } from './trusted-devices';

export interface SecondFactorInput {
  challengeToken: string;
  code?: string | undefined;
  backupCode?: string | undefined;
  rememberDevice: boolean;
  meta: RequestMeta;
  deviceCookie?: string | null;
}

export interface Verified extends OpenedSession {
  trusted: { token: string; expiresAt: Date } | null;
}

/** Thrown inside the transaction to roll it back; turned into two_factor_invalid outside. */
class WrongCode extends Error {}

const challengeGone = () =>
  new AppError('token_invalid', 'This sign-in has expired or was already used: sign in again.');

/**
 * POST /auth/two-factor. The challenge first spends one of its attempts (a conditional UPDATE,
 * so parallel guesses cannot exceed TWO_FACTOR_MAX_ATTEMPTS); then the code is checked and, in one
 * transaction, its TOTP step (or backup code) is claimed by a conditional UPDATE, the challenge
 * consumed and the session opened. Of two concurrent uses of one code exactly one commits.
 */
export async function verifySecondFactor(deps: AppDeps, input: SecondFactorInput): Promise<Verified> {
  const now = (deps.clock ?? systemClock).now();
  const { env } = deps;
  const challenge = await deps.db.twoFactorChallenge.findUnique({
    where: { tokenHash: hashToken(input.challengeToken) },
  });
  if (!challenge) throw challengeGone();
  const spent = await deps.db.twoFactorChallenge.updateMany({
    where: {
      id: challenge.id,
      consumedAt: null,
      expiresAt: { gt: now },
      attempts: { lt: env.TWO_FACTOR_MAX_ATTEMPTS },
    },
    data: { attempts: { increment: 1 } },
  });
  if (spent.count !== 1) throw challengeGone();
  const user = await deps.db.user.findUnique({ where: { id: challenge.userId } });
  if (!user || user.disabledAt || user.deletedAt) throw challengeGone();

  const subject = { action: 'two_factor' as const, ip: input.meta.ip, account: user.email };
  await deps.bruteForce.assertAllowed(subject);
  let verified: Verified;
  try {
    verified = await attempt(deps, user, challenge, input, now);
  } catch (error) {
    if (!(error instanceof WrongCode)) {
      // Not the caller's guess (outage, race on the challenge): release without counting.
      await deps.bruteForce.recordSuccess({ ...subject, account: null }).catch(() => {});
      throw error;
    }
    await deps.bruteForce.recordFailure({ ...subject, meta: input.meta });
    const left = env.TWO_FACTOR_MAX_ATTEMPTS - challenge.attempts - 1;
    await deps.db.$transaction((tx) =>
      recordAudit(
        tx,
        {
          actorId: user.id,
          action: 'auth.two_factor_failed',
          targetType: 'user',
          targetId: user.id,
          meta: input.meta,
          after: { method: input.backupCode ? 'backup_code' : 'totp', attemptsLeft: Math.max(0, left) },
        },
        now,
      ),
    );
    throw new AppError(
      'two_factor_invalid',
      left > 0 ? 'Wrong or already used code.' : 'Wrong code, and no attempts left: sign in again.',
    );
  }
  await deps.bruteForce.recordSuccess(subject);
  return verified;
}

async function attempt(
  deps: AppDeps,
  user: User,
  challenge: { id: string; amr: string[] },
  input: SecondFactorInput,
  now: Date,
): Promise<Verified> {
  const key = deps.env.TOTP_ENCRYPTION_KEY;
  const tf = await deps.db.twoFactor.findUnique({ where: { userId: user.id } });
  if (!tf?.enabledAt) throw challengeGone(); // disabled meanwhile
  let step: bigint | null = null;
  if (input.code) {
    step = await matchTotp(openSecret(key, user.id, tf.secretCiphertext), input.code, {
      afterStep: tf.lastUsedStep,
      now,
    });
    if (step === null) throw new WrongCode();
  }
  return deps.db.$transaction(async (tx: Tx) => {
    let method: 'totp' | 'backup_code';
    if (step !== null) {
      method = 'totp';
      // The replay guard: only a later step than the last accepted one may be claimed. Under
      // concurrency the second UPDATE waits for the first's row lock, re-reads, and matches 0 rows.
      const claimed = await tx.twoFactor.updateMany({
        where: { userId: user.id, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
        data: { lastUsedStep: step },
      });
      if (claimed.count !== 1) throw new WrongCode();
    } else {
      method = 'backup_code';
      if (!(await consumeBackupCode(tx, key, user.id, input.backupCode ?? '', now))) throw new WrongCode();
    }
    const consumed = await tx.twoFactorChallenge.updateMany({
      where: { id: challenge.id, consumedAt: null },
      data: { consumedAt: now },
    });
    if (consumed.count !== 1) throw challengeGone();
    if (method === 'backup_code') {
      const remaining = await tx.backupCode.count({ where: { userId: user.id, usedAt: null } });
      await recordAudit(
        tx,
        {
          actorId: user.id,
          action: 'auth.backup_code_used',
          targetType: 'user',
          targetId: user.id,
          meta: input.meta,
          after: { remaining },
        },
        now,
      );
      await notifyBackupCodeUsed(tx, user, input.meta, now, remaining);
    }
    const trusted = input.rememberDevice
      ? await createTrustedDevice(tx, {
          userId: user.id,
          meta: input.meta,
          days: deps.env.TRUSTED_DEVICE_DAYS,
          now,
        })
      : null;
    const session = await openSession(deps, tx, {
      user,
      // Backup codes are one-time passwords too (RFC 8176 has no closer value); the audit row tells.
      amr: [...challenge.amr, 'otp', 'mfa'],
      meta: input.meta,
      deviceCookie: input.deviceCookie,
      auditDetail: { secondFactor: method, ...(trusted ? { trustedDevice: trusted.id } : {}) },
    });
    return { ...session, trusted: trusted ? { token: trusted.token, expiresAt: trusted.expiresAt } : null };
  });
}
