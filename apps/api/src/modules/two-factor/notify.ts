import type { Locale } from '@repo/contracts';
import type { Tx, User } from '@repo/db';
import { writeOutboxEvent } from '@repo/outbox';
import { deviceLabel } from '../../lib/device';
import type { RequestMeta } from '../../lib/request-meta';

type Recipient = Pick<User, 'id' | 'email' | 'locale' | 'timezone'>;

function origin(user: Recipient, meta: RequestMeta, now: Date) {
  return {
    userId: user.id,
    email: user.email,
    locale: user.locale as Locale,
    timeZone: user.timezone,
    device: deviceLabel(meta.userAgent),
    ip: meta.ip,
    at: now.toISOString(),
  };
}

/** The security mails of A4, written in the caller's transaction (outbox). */
export function notifyTwoFactor(
  tx: Tx,
  type: 'user.two_factor_enabled' | 'user.two_factor_disabled',
  user: Recipient,
  meta: RequestMeta,
  now: Date,
) {
  return writeOutboxEvent(tx, type, origin(user, meta, now), now);
}

export function notifyBackupCodeUsed(
  tx: Tx,
  user: Recipient,
  meta: RequestMeta,
  now: Date,
  remaining: number,
) {
  return writeOutboxEvent(tx, 'user.backup_code_used', { ...origin(user, meta, now), remaining }, now);
}
