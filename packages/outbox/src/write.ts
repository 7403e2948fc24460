import {
  OUTBOX_NOTIFY_CHANNEL,
  type OutboxEventPayload,
  OutboxEventPayloads,
  type OutboxEventType,
} from '@repo/contracts';
import type { Prisma, Tx } from '@repo/db';

/**
 * Writes an outbox event inside the caller's transaction, validated against its contract, and
 * signals the worker; PostgreSQL delivers the NOTIFY only if the transaction commits, so the
 * event and the change it announces are committed (or lost) together.
 */
export async function writeOutboxEvent<T extends OutboxEventType>(
  tx: Tx,
  type: T,
  payload: OutboxEventPayload<T>,
  now: Date,
) {
  // Contracts describe JSON (strings, numbers, plain objects); `unknown` fields hold JSON too.
  const data = OutboxEventPayloads[type].parse(payload) as Prisma.InputJsonValue;
  const event = await tx.outboxEvent.create({
    data: { type, payload: data, createdAt: now, availableAt: now },
  });
  await tx.$executeRaw`SELECT pg_notify(${OUTBOX_NOTIFY_CHANNEL}, '')`;
  return event;
}
