import type { Locale } from '@repo/contracts';
import type { Db, Prisma, Tx } from '@repo/db';
import { writeOutboxEvent } from '@repo/outbox';
import { generateToken, hashToken } from './crypto-tokens';

export type EmailTokenPurpose = 'verify_email' | 'reset_password' | 'change_email' | 'unlock_account';
export type EmailToken = Prisma.EmailTokenGetPayload<{ select: undefined }>;

export interface IssueEmailTokenInput {
  userId: string;
  purpose: EmailTokenPurpose;
  /** Where the link is mailed: the stored address, or the NEW address for change_email. */
  email: string;
  ttlSeconds: number;
  now: Date;
  /** verify_email: the hash of the sign-up continuation cookie the link may sign in (ADR 0028). */
  continuationHash?: string | null;
}

/**
 * Creates a single-use link token inside the caller's transaction and returns the raw token (for
 * the outbox event that mails it) — only its SHA-256 is stored. Earlier unused tokens of the same
 * user and purpose are retired at the same time, so only the newest link works: a resend or a
 * second reset request cannot leave a trail of live links in old mailboxes.
 */
export async function issueEmailToken(
  tx: Tx,
  { userId, purpose, email, ttlSeconds, now, continuationHash = null }: IssueEmailTokenInput,
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  await tx.emailToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
  await tx.emailToken.create({
    data: {
      userId,
      purpose,
      email,
      tokenHash: hashToken(token),
      expiresAt,
      createdAt: now,
      continuationHash,
    },
  });
  return { token, expiresAt };
}

/** The mail that carries a link to the account's stored address (its outbox event type and extras). */
export type LinkMail =
  | { type: 'user.password_reset_requested' }
  | { type: 'user.verification_requested'; purpose: 'sign_up' };

/**
 * Issues a link token for the account's stored address (issueEmailToken) and queues the mail that
 * carries it, both in the caller's transaction: a reset link, or a fresh sign-up verification link.
 */
export async function issueEmailLink(
  tx: Tx,
  user: { id: string; email: string; locale: string },
  link: Pick<IssueEmailTokenInput, 'purpose' | 'ttlSeconds' | 'now' | 'continuationHash'>,
  mail: LinkMail,
): Promise<void> {
  const { token, expiresAt } = await issueEmailToken(tx, { ...link, userId: user.id, email: user.email });
  const payload = {
    userId: user.id,
    email: user.email,
    locale: user.locale as Locale,
    token,
    expiresAt: expiresAt.toISOString(),
  };
  if (mail.type === 'user.verification_requested') {
    await writeOutboxEvent(tx, mail.type, { ...payload, purpose: mail.purpose }, link.now);
  } else {
    await writeOutboxEvent(tx, mail.type, payload, link.now);
  }
}

/**
 * Marks the token used and returns its row, in ONE conditional UPDATE … RETURNING (unused, not
 * expired, one of the accepted purposes): of any number of concurrent requests with the same token, exactly one
 * gets the row. Null for unknown, used, expired or other-purpose tokens; callers answer the same
 * for all of them, so a probe learns nothing about which.
 */
export async function consumeEmailToken(
  db: Db | Tx,
  { token, purpose, now }: { token: string; purpose: EmailTokenPurpose | EmailTokenPurpose[]; now: Date },
): Promise<EmailToken | null> {
  const [row] = await db.emailToken.updateManyAndReturn({
    where: {
      tokenHash: hashToken(token),
      purpose: Array.isArray(purpose) ? { in: purpose } : purpose,
      usedAt: null,
      expiresAt: { gt: now },
    },
    data: { usedAt: now },
  });
  return row ?? null;
}
