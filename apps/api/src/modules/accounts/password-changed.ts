import { recordAudit } from '@repo/audit';
import type { Locale } from '@repo/contracts';
import type { Tx } from '@repo/db';
import { writeOutboxEvent } from '@repo/outbox';
import { deviceLabel } from '../../lib/device';
import type { RequestMeta } from '../../lib/request-meta';
import type { AppDeps } from '../../types';
import { revokeUserSessions } from '../sessions';

const HOW = {
  /** From a reset link: whoever knew the old password loses every session. */
  reset: { reason: 'password_reset', action: 'auth.password_reset' },
  /** By the signed-in owner: every session but the caller's ends. */
  change: { reason: 'password_changed', action: 'auth.password_changed' },
} as const;

/**
 * What follows every new password, in the transaction that stored it: the sessions it
 * invalidates end, the audit row, and the `user.password_changed` notice to the owner.
 */
export async function passwordChanged(
  deps: AppDeps,
  tx: Tx,
  user: { id: string; email: string; locale: string },
  how: { by: keyof typeof HOW; meta: RequestMeta; now: Date; exceptSessionId?: string },
): Promise<void> {
  const { meta, now } = how;
  const { reason, action } = HOW[how.by];
  await revokeUserSessions(deps, user.id, { reason, exceptSessionId: how.exceptSessionId, tx });
  await recordAudit(tx, { actorId: user.id, action, targetType: 'user', targetId: user.id, meta }, now);
  await writeOutboxEvent(
    tx,
    'user.password_changed',
    {
      userId: user.id,
      email: user.email,
      locale: user.locale as Locale,
      device: deviceLabel(meta.userAgent),
      ip: meta.ip,
      at: now.toISOString(),
    },
    now,
  );
}
