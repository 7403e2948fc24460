import { type AuditAction, recordAudit } from '@repo/audit';
import type { Tx, User } from '@repo/db';
import { AppError } from '../../errors';
import { generateToken, hashToken } from '../../lib/crypto-tokens';
import type { RequestMeta } from '../../lib/request-meta';
import { enrolmentPending } from '../../lib/two-factor-policy';
import { type AppDeps, systemClock } from '../../types';
import { type CreatedSession, createSession } from '../sessions';
import { useTrustedDevice } from './trusted-devices';

export interface FirstFactorInput {
  userId: string;
  /** RFC 8176 methods of the factor just passed: ['pwd'], or the SSO provider's. */
  amr: string[];
  meta: RequestMeta;
  /** The long-lived device cookie (new-device mails), if the browser sent one. */
  deviceCookie?: string | null;
  /** The "remember this device" cookie, if the browser sent one. */
  trustedDeviceCookie?: string | null;
  /** Audit action of the session it may open (SSO passes `auth.sso_sign_in`). */
  auditAction?: AuditAction;
  /** Extra audit detail (e.g. the SSO provider). */
  auditDetail?: Record<string, unknown>;
}

export interface OpenedSession extends CreatedSession {
  kind: 'session';
  user: User;
  amr: string[];
  /** TWO_FACTOR_POLICY demands 2FA and there is none: the access token is confined to enrolment. */
  mfaRequired: boolean;
}

export interface PendingChallenge {
  kind: 'challenge';
  /** Opaque, single-use; only its SHA-256 is stored. Grants nothing but POST /auth/two-factor. */
  challengeToken: string;
  expiresAt: Date;
}

export type FirstFactorOutcome = OpenedSession | PendingChallenge;

const run = <T>(deps: Pick<AppDeps, 'db'>, tx: Tx | undefined, fn: (tx: Tx) => Promise<T>) =>
  tx ? fn(tx) : deps.db.$transaction(fn);

/**
 * The one place every first factor (password, SSO) ends. With 2FA enabled and no trusted-device
 * cookie for this user, it stores a TwoFactorChallenge and opens no session; otherwise it opens
 * the session (and writes its audit row). Pass `tx` to run inside the caller's transaction.
 */
export async function completeFirstFactor(
  deps: AppDeps,
  tx: Tx | undefined,
  input: FirstFactorInput,
): Promise<FirstFactorOutcome> {
  const now = (deps.clock ?? systemClock).now();
  return run(deps, tx, async (t) => {
    const user = await t.user.findUnique({ where: { id: input.userId } });
    if (!user || user.disabledAt || user.deletedAt) throw new AppError('invalid_credentials');
    const tf = await t.twoFactor.findUnique({
      where: { userId: user.id },
      select: { enabledAt: true },
    });
    if (tf?.enabledAt) {
      const trusted = await useTrustedDevice(t, {
        userId: user.id,
        cookie: input.trustedDeviceCookie,
        now,
      });
      if (!trusted) {
        const challengeToken = generateToken();
        const expiresAt = new Date(now.getTime() + deps.env.TWO_FACTOR_CHALLENGE_TTL_SECONDS * 1000);
        await t.twoFactorChallenge.create({
          data: {
            userId: user.id,
            tokenHash: hashToken(challengeToken),
            amr: input.amr,
            expiresAt,
            createdAt: now,
          },
        });
        return { kind: 'challenge' as const, challengeToken, expiresAt };
      }
      return openSession(deps, t, {
        ...input,
        user,
        auditDetail: { ...input.auditDetail, trustedDevice: trusted },
      });
    }
    return openSession(deps, t, { ...input, user });
  });
}

/** Opens the session of a completed sign-in and records it; shared with the second step. */
export async function openSession(
  deps: AppDeps,
  tx: Tx,
  input: Omit<FirstFactorInput, 'userId' | 'trustedDeviceCookie'> & { user: User },
): Promise<OpenedSession> {
  const { user, amr, meta } = input;
  const session = await createSession(deps, tx, {
    userId: user.id,
    amr,
    ip: meta.ip,
    userAgent: meta.userAgent,
    deviceCookie: input.deviceCookie,
  });
  const mfaRequired = await enrolmentPending(tx, deps.env, user);
  await recordAudit(
    tx,
    {
      actorId: user.id,
      action: input.auditAction ?? 'auth.sign_in',
      targetType: 'session',
      targetId: session.sessionId,
      meta,
      after: {
        amr,
        newDevice: session.newDevice,
        ...input.auditDetail,
        ...(mfaRequired ? { mfaRequired } : {}),
      },
    },
    session.authTime,
  );
  return { kind: 'session', ...session, user, amr, mfaRequired };
}
