import type { JoinWaitlistBody } from '@repo/contracts';
import { type Db, normalizeEmail } from '@repo/db';
import { writeOutboxEvent } from '@repo/outbox';
import type { Clock } from '../../types';

export interface WaitlistDeps {
  db: Db;
  clock: Clock;
}

export type JoinWaitlistResult = { created: true; entryId: string; eventId: string } | { created: false };

/**
 * Adds an address to the waitlist and, in the same transaction, an outbox event that makes the
 * worker send the welcome mail. The address is canonicalized (trimmed, lowercased: see
 * normalizeEmail) so `Ada@X.io ` and `ada@x.io` are one entry. A duplicate is a silent no-op
 * with no event: the caller answers the same either way, so the endpoint does not reveal who is
 * on the list, and nobody can make us mail an address twice.
 */
export async function joinWaitlist(deps: WaitlistDeps, input: JoinWaitlistBody): Promise<JoinWaitlistResult> {
  const email = normalizeEmail(input.email);
  const now = deps.clock.now();
  return deps.db.$transaction(async (tx) => {
    // ON CONFLICT DO NOTHING instead of catching P2002: a failed statement would abort the
    // transaction, and two concurrent joins of one address must both succeed quietly.
    const [entry] = await tx.waitlistEntry.createManyAndReturn({
      data: [{ email, locale: input.locale, createdAt: now }],
      skipDuplicates: true,
      select: { id: true },
    });
    if (!entry) return { created: false };
    const event = await writeOutboxEvent(
      tx,
      'waitlist.joined',
      { entryId: entry.id, email, locale: input.locale },
      now,
    );
    return { created: true, entryId: entry.id, eventId: event.id };
  });
}
