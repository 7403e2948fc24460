import { z } from 'zod';
import { Locale } from './waitlist';

/**
 * Outbox event payloads, keyed by type. A service writes the event in the same transaction as
 * its change; the worker's relay turns each into jobs (jobId = event id, so a re-relay is harmless).
 */
export const OutboxEventPayloads = {
  'waitlist.joined': z.object({ entryId: z.string(), email: z.email(), locale: Locale }),
} as const;

export type OutboxEventType = keyof typeof OutboxEventPayloads;
export type OutboxEventPayload<T extends OutboxEventType> = z.infer<(typeof OutboxEventPayloads)[T]>;
export const OutboxEventType = z.enum(
  Object.keys(OutboxEventPayloads) as [OutboxEventType, ...OutboxEventType[]],
);

/**
 * PostgreSQL NOTIFY channel a writer signals (inside its transaction, so it fires on commit) after
 * inserting an OutboxEvent; the worker LISTENs and relays at once instead of at its next poll.
 */
export const OUTBOX_NOTIFY_CHANNEL = 'outbox_events';
