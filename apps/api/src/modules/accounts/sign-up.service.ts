import { timingSafeEqual } from 'node:crypto';
import { recordAudit } from '@repo/audit';
import type { Locale, SignUpBody } from '@repo/contracts';
import { normalizeEmail } from '@repo/db';
import { createPersonalOrganization } from '@repo/organizations';
import { publishUserCreated, publishUserUpdated, writeOutboxEvent } from '@repo/outbox';
import type { z } from 'zod';
import { AppError } from '../../errors';
import { hashToken } from '../../lib/crypto-tokens';
import { consumeEmailToken, issueEmailLink, issueEmailToken } from '../../lib/email-tokens';
import { hashPassword } from '../../lib/password';
import type { RequestMeta } from '../../lib/request-meta';
import { clockOf } from '../../types';
import { completeFirstFactor, type OpenedSession } from '../two-factor';
import {
  type AccountsDeps,
  assertPasswordPolicy,
  countMailingAttempt,
  linkTokenInvalid,
} from './accounts.shared';

export type SignUpResult = { outcome: 'created'; userId: string } | { outcome: 'existing' | 'ignored' };

/**
 * Creates an unverified account and queues its verification mail — or, when the address already
 * has an account, queues an "account exists" mail to that inbox and changes nothing else. The
 * caller answers 202 in every case; the password is hashed in both branches so the response time
 * does not tell the two apart either (ADR 0008).
 */
export async function signUp(
  deps: AccountsDeps,
  meta: RequestMeta,
  input: z.output<typeof SignUpBody>,
  /** The secret of the sign-up cookie the route hands this browser in every case (ADR 0028). */
  continuation: string,
): Promise<SignUpResult> {
  const email = normalizeEmail(input.email);
  await countMailingAttempt(deps, meta, 'sign_up', email);
  assertPasswordPolicy(input.password, { email, name: input.name });
  const passwordHash = await hashPassword(input.password);
  const now = clockOf(deps).now();
  const locale: Locale = input.locale;

  return deps.db.$transaction(async (tx) => {
    // ON CONFLICT DO NOTHING: a concurrent sign-up of the same address must not abort with P2002.
    const [created] = await tx.user.createManyAndReturn({
      data: [{ email, name: input.name, passwordHash, locale, createdAt: now }],
      skipDuplicates: true,
      select: { id: true },
    });
    if (created) {
      const personal = await createPersonalOrganization(tx, { id: created.id, name: input.name }, now);
      await publishUserCreated(tx, created.id, personal.id, now);
      const { token, expiresAt } = await issueEmailToken(tx, {
        userId: created.id,
        purpose: 'verify_email',
        email,
        ttlSeconds: deps.env.EMAIL_VERIFICATION_TTL_SECONDS,
        now,
        continuationHash: hashToken(continuation),
      });
      await recordAudit(
        tx,
        {
          actorId: created.id,
          action: 'auth.sign_up',
          targetType: 'user',
          targetId: created.id,
          meta,
          after: { email, name: input.name, locale },
        },
        now,
      );
      await writeOutboxEvent(
        tx,
        'user.verification_requested',
        { userId: created.id, email, locale, token, expiresAt: expiresAt.toISOString(), purpose: 'sign_up' },
        now,
      );
      return { outcome: 'created', userId: created.id };
    }
    const existing = await tx.user.findUnique({
      where: { email },
      select: { id: true, email: true, locale: true, deletedAt: true },
    });
    // A deleted account's address gets no mail: its owner asked us to forget them.
    if (!existing || existing.deletedAt) return { outcome: 'ignored' };
    await writeOutboxEvent(
      tx,
      'user.sign_up_existing',
      { userId: existing.id, email: existing.email, locale: existing.locale as Locale },
      now,
    );
    return { outcome: 'existing' };
  });
}

/**
 * Queues a fresh verification link for an unverified account; silently nothing otherwise. From a
 * browser with a sign-up cookie, the new link continues into the app there like the first one
 * would have (the old link stops working either way).
 */
export async function resendVerification(
  deps: AccountsDeps,
  meta: RequestMeta,
  input: { email: string },
  continuation?: string,
): Promise<void> {
  const email = normalizeEmail(input.email);
  await countMailingAttempt(deps, meta, 'resend', email);
  const now = clockOf(deps).now();
  await deps.db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email } });
    if (!user || user.emailVerifiedAt || user.deletedAt || user.disabledAt) return;
    await issueEmailLink(
      tx,
      user,
      {
        purpose: 'verify_email',
        ttlSeconds: deps.env.EMAIL_VERIFICATION_TTL_SECONDS,
        now,
        continuationHash: continuation ? hashToken(continuation) : null,
      },
      { type: 'user.verification_requested', purpose: 'sign_up' },
    );
  });
}

export interface VerifyEmailResult {
  purpose: 'verify_email' | 'change_email';
  userId: string;
  /** The address now verified (the new one for change_email). */
  email: string;
  /** Opened in the browser that signed up, soon enough: the session to hand it (ADR 0028). */
  session: OpenedSession | null;
}

/** The browser's cookie matches the one the link was bound to, and the link is young enough. */
function continues(
  deps: AccountsDeps,
  token: { continuationHash: string | null; createdAt: Date },
  continuation: string | undefined,
  now: Date,
): boolean {
  if (!token.continuationHash || !continuation) return false;
  const age = now.getTime() - token.createdAt.getTime();
  if (age > deps.env.SIGN_UP_CONTINUATION_TTL_SECONDS * 1000) return false;
  return timingSafeEqual(Buffer.from(hashToken(continuation)), Buffer.from(token.continuationHash));
}

/**
 * Confirms an emailed verification link: `verify_email` marks the address verified;
 * `change_email` swaps in the new address (409 if another account took it meanwhile) and tells
 * the OLD address. The token is consumed in the same transaction, so a failure leaves it usable
 * and concurrent clicks have exactly one winner. A sign-up link opened with the sign-up cookie it
 * was bound to also opens a session, through the same second-factor gate as a password sign-in;
 * the link being single-use makes that continuation single-use too.
 */
export async function verifyEmail(
  deps: AccountsDeps,
  meta: RequestMeta,
  input: { token: string },
  cookies: { continuation?: string | undefined; deviceCookie?: string | undefined } = {},
): Promise<VerifyEmailResult> {
  const now = clockOf(deps).now();
  return deps.db.$transaction(async (tx) => {
    const consumed = await consumeEmailToken(tx, {
      token: input.token,
      purpose: ['verify_email', 'change_email'],
      now,
    });
    if (!consumed) throw linkTokenInvalid();
    const user = await tx.user.findUnique({ where: { id: consumed.userId } });
    if (!user || user.deletedAt || user.disabledAt) throw linkTokenInvalid();
    const locale = user.locale as Locale;

    if (consumed.purpose === 'verify_email') {
      // A link mailed to an address the account no longer has proves nothing about the current one.
      if (consumed.email !== user.email) throw linkTokenInvalid();
      if (!user.emailVerifiedAt) {
        await tx.user.update({ where: { id: user.id }, data: { emailVerifiedAt: now } });
        const entry = { actorId: user.id, targetType: 'user', targetId: user.id, meta };
        await recordAudit(tx, { ...entry, action: 'auth.email_verified', after: { email: user.email } }, now);
        await writeOutboxEvent(
          tx,
          'user.email_verified',
          { userId: user.id, email: user.email, locale, name: user.name },
          now,
        );
      }
      let session: OpenedSession | null = null;
      if (continues(deps, consumed, cookies.continuation, now)) {
        // The password was given in this browser minutes ago; the link proves the inbox.
        const outcome = await completeFirstFactor(deps, tx, {
          userId: user.id,
          amr: ['pwd'],
          meta,
          deviceCookie: cookies.deviceCookie,
          auditDetail: { via: 'sign_up_verification' },
        });
        if (outcome.kind === 'session') session = outcome;
      }
      return { purpose: 'verify_email', userId: user.id, email: user.email, session };
    }

    // change_email: the unique index turns a lost race for the address into P2002 → 409 conflict.
    const taken = await tx.user.findUnique({ where: { email: consumed.email }, select: { id: true } });
    if (taken && taken.id !== user.id) throw conflictEmailTaken();
    await tx.user.update({ where: { id: user.id }, data: { email: consumed.email, emailVerifiedAt: now } });
    await recordAudit(
      tx,
      {
        actorId: user.id,
        action: 'auth.email_changed',
        targetType: 'user',
        targetId: user.id,
        meta,
        before: { email: user.email },
        after: { email: consumed.email },
      },
      now,
    );
    await writeOutboxEvent(
      tx,
      'user.email_changed',
      { userId: user.id, email: user.email, locale, newEmail: consumed.email },
      now,
    );
    await publishUserUpdated(tx, user.id, ['email'], now);
    return { purpose: 'change_email', userId: user.id, email: consumed.email, session: null };
  });
}

function conflictEmailTaken(): AppError {
  return new AppError('conflict', 'This address is already used by another account.');
}
