import { recordAudit } from '@repo/audit';
import type { User } from '@repo/db';
import { AppError } from '../../errors';
import type { RequestMeta } from '../../lib/request-meta';
import { policyRequires } from '../../lib/two-factor-policy';
import type { AuthContext } from '../../plugins/auth';
import { type AppDeps, systemClock } from '../../types';
import { replaceBackupCodes } from './backup-codes';
import { notifyTwoFactor } from './notify';
import { matchTotp, newTotpSecret, openSecret, otpauthUrl, qrSvg, sealSecret } from './totp';
import { listTrustedDevices, revokeTrustedDevices } from './trusted-devices';

async function activeUser(deps: AppDeps, userId: string): Promise<User> {
  const user = await deps.db.user.findUnique({ where: { id: userId } });
  if (!user || user.disabledAt || user.deletedAt) throw new AppError('token_invalid');
  return user;
}

export async function twoFactorStatus(deps: AppDeps, auth: AuthContext, trustedCookie: string | undefined) {
  const now = (deps.clock ?? systemClock).now();
  const [tf, backupCodesRemaining, trustedDevices] = await Promise.all([
    deps.db.twoFactor.findUnique({ where: { userId: auth.userId }, select: { enabledAt: true } }),
    deps.db.backupCode.count({ where: { userId: auth.userId, usedAt: null } }),
    listTrustedDevices(deps.db, { userId: auth.userId, cookie: trustedCookie, now }),
  ]);
  return {
    enabled: Boolean(tf?.enabledAt),
    enabledAt: tf?.enabledAt?.toISOString() ?? null,
    required: policyRequires(deps.env, auth.role),
    backupCodesRemaining: tf?.enabledAt ? backupCodesRemaining : 0,
    trustedDevices: tf?.enabledAt ? trustedDevices : [],
  };
}

/**
 * Starts (or restarts) an enrolment: a fresh secret, stored encrypted and not yet enabled. The
 * secret is shown now (QR + manual key) and never again; a first valid code confirms it.
 */
export async function startEnrolment(deps: AppDeps, auth: AuthContext) {
  const user = await activeUser(deps, auth.userId);
  const existing = await deps.db.twoFactor.findUnique({ where: { userId: user.id } });
  if (existing?.enabledAt) throw new AppError('conflict', 'Two-factor authentication is already on.');
  const secret = newTotpSecret();
  const secretCiphertext = sealSecret(deps.env.TOTP_ENCRYPTION_KEY, user.id, secret);
  // Conditional on "not enabled": a confirmation racing this restart cannot be overwritten.
  await deps.db.$transaction(async (tx) => {
    const replaced = await tx.twoFactor.updateMany({
      where: { userId: user.id, enabledAt: null },
      data: { secretCiphertext, lastUsedStep: null },
    });
    if (replaced.count === 0) {
      await tx.twoFactor.create({ data: { userId: user.id, secretCiphertext } });
    }
  });
  const url = otpauthUrl(secret, user.email);
  return { secret, otpauthUrl: url, qrSvg: await qrSvg(url) };
}

/** The first code proves the app holds the secret; 2FA is on from here, with ten backup codes. */
export async function confirmEnrolment(deps: AppDeps, auth: AuthContext, code: string, meta: RequestMeta) {
  const now = (deps.clock ?? systemClock).now();
  const user = await activeUser(deps, auth.userId);
  const tf = await deps.db.twoFactor.findUnique({ where: { userId: user.id } });
  if (!tf || tf.enabledAt) throw new AppError('conflict', 'Start the enrolment first.');
  const subject = { action: 'two_factor' as const, ip: meta.ip, account: user.email };
  await deps.bruteForce.assertAllowed(subject);
  const secret = openSecret(deps.env.TOTP_ENCRYPTION_KEY, user.id, tf.secretCiphertext);
  const step = await matchTotp(secret, code, { afterStep: tf.lastUsedStep, now });
  const codes =
    step === null
      ? null
      : await deps.db.$transaction(async (tx) => {
          const enabled = await tx.twoFactor.updateMany({
            where: { userId: user.id, enabledAt: null, secretCiphertext: tf.secretCiphertext },
            data: { enabledAt: now, lastUsedStep: step },
          });
          if (enabled.count !== 1) return null;
          const backupCodes = await replaceBackupCodes(tx, deps.env.TOTP_ENCRYPTION_KEY, user.id, now);
          await recordAudit(
            tx,
            {
              actorId: user.id,
              action: 'auth.two_factor_enabled',
              targetType: 'user',
              targetId: user.id,
              meta,
            },
            now,
          );
          await notifyTwoFactor(tx, 'user.two_factor_enabled', user, meta, now);
          return backupCodes;
        });
  if (!codes) {
    await deps.bruteForce.recordFailure({ ...subject, meta });
    throw new AppError('two_factor_invalid', 'Wrong code: check the time on your device and try again.');
  }
  await deps.bruteForce.recordSuccess(subject);
  return codes;
}

/** Sudo only. Refused while the policy demands 2FA for this account. */
export async function disableTwoFactor(deps: AppDeps, auth: AuthContext, meta: RequestMeta) {
  const now = (deps.clock ?? systemClock).now();
  const user = await activeUser(deps, auth.userId);
  if (policyRequires(deps.env, user.role))
    throw new AppError('forbidden', 'Two-factor authentication is required for this account.');
  await deps.db.$transaction(async (tx) => {
    const removed = await tx.twoFactor.deleteMany({ where: { userId: user.id, enabledAt: { not: null } } });
    if (removed.count === 0) throw new AppError('conflict', 'Two-factor authentication is not on.');
    await tx.backupCode.deleteMany({ where: { userId: user.id } });
    await revokeTrustedDevices(tx, { userId: user.id, now });
    await tx.twoFactorChallenge.updateMany({
      where: { userId: user.id, consumedAt: null },
      data: { consumedAt: now },
    });
    await recordAudit(
      tx,
      { actorId: user.id, action: 'auth.two_factor_disabled', targetType: 'user', targetId: user.id, meta },
      now,
    );
    await notifyTwoFactor(tx, 'user.two_factor_disabled', user, meta, now);
  });
}

/** Sudo only. The old set stops working at once. */
export async function regenerateBackupCodes(deps: AppDeps, auth: AuthContext, meta: RequestMeta) {
  const now = (deps.clock ?? systemClock).now();
  const user = await activeUser(deps, auth.userId);
  return deps.db.$transaction(async (tx) => {
    const tf = await tx.twoFactor.findUnique({ where: { userId: user.id }, select: { enabledAt: true } });
    if (!tf?.enabledAt) throw new AppError('conflict', 'Two-factor authentication is not on.');
    const codes = await replaceBackupCodes(tx, deps.env.TOTP_ENCRYPTION_KEY, user.id, now);
    await recordAudit(
      tx,
      {
        actorId: user.id,
        action: 'auth.backup_codes_regenerated',
        targetType: 'user',
        targetId: user.id,
        meta,
      },
      now,
    );
    return codes;
  });
}

export async function revokeTrusted(deps: AppDeps, auth: AuthContext, meta: RequestMeta, id?: string) {
  const now = (deps.clock ?? systemClock).now();
  return deps.db.$transaction(async (tx) => {
    const count = await revokeTrustedDevices(tx, { userId: auth.userId, now, ...(id ? { id } : {}) });
    if (id && count === 0) throw new AppError('not_found', 'No such trusted device.');
    if (count > 0)
      await recordAudit(
        tx,
        {
          actorId: auth.userId,
          action: 'auth.trusted_device_revoked',
          targetType: id ? 'trusted_device' : 'user',
          targetId: id ?? auth.userId,
          meta,
          after: { count },
        },
        now,
      );
    return count;
  });
}
