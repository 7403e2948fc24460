import type { QueueName } from '@repo/contracts';
import type { Db, Tx } from '@repo/db';
import type { Logger } from '@repo/observability';
import type { Queue } from 'bullmq';
import { jobIdFor, jobsForEvent, UnroutableEventError } from './routes';

export interface RelayDeps {
  db: Db;
  queues: Partial<Record<QueueName, Queue>>;
  logger: Logger;
  clock?: () => Date;
  /** Events claimed per transaction. */
  batchSize?: number;
  /** An enqueue slower than this counts as failed (Redis down makes BullMQ wait, not fail). */
  enqueueTimeoutMs?: number;
}

export interface RelayResult {
  claimed: number;
  dispatched: number;
  failed: number;
}

interface ClaimedEvent {
  id: string;
  type: string;
  payload: unknown;
  attempts: number;
  created_at: Date;
}

/** What a dispatched event's top-level `token` field is replaced with. */
export const SCRUBBED_TOKEN = '[sent]';

const isScrubbed = (payload: unknown) =>
  typeof payload === 'object' &&
  payload !== null &&
  (payload as { token?: unknown }).token === SCRUBBED_TOKEN;

/** Redis or queue trouble: retry soon, doubling from 1 s up to 5 min. */
export const relayRetryDelayMs = (attempts: number) =>
  Math.min(1_000 * 2 ** Math.max(0, attempts - 1), 300_000);
/** An event no route accepts will not fix itself before a deploy: look again hourly. */
const UNROUTABLE_RETRY_MS = 3_600_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * One relay pass. Claims due, undispatched events with FOR UPDATE SKIP LOCKED (several worker
 * replicas never take the same row and never wait on each other), enqueues their jobs with
 * jobId = event id, and marks them dispatched (scrubbing link tokens) in the same transaction.
 * If the process dies between the enqueue and the commit, the event is relayed again (token
 * intact: the scrub rolled back too) and BullMQ ignores the duplicate jobId, so the effect is
 * exactly-once enqueueing on top of at-least-once delivery.
 */
export async function relayOnce(deps: RelayDeps): Promise<RelayResult> {
  const batchSize = deps.batchSize ?? 50;
  const enqueueTimeoutMs = deps.enqueueTimeoutMs ?? 5_000;
  const now = (deps.clock ?? (() => new Date()))();

  return deps.db.$transaction(
    async (tx) => {
      const events = await tx.$queryRaw<ClaimedEvent[]>`
        SELECT id::text AS id, type, payload, attempts, created_at
        FROM outbox_events
        WHERE dispatched_at IS NULL AND available_at <= ${now}
        ORDER BY available_at
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED`;
      const result: RelayResult = { claimed: events.length, dispatched: 0, failed: 0 };
      const done: string[] = [];

      for (const event of events) {
        try {
          if (isScrubbed(event.payload)) {
            // Dispatched once already, then reset by hand: its link is gone, never mail "[sent]".
            throw new UnroutableEventError('token already scrubbed: the event was dispatched before');
          }
          const specs = jobsForEvent(event.type, event.payload, {
            id: event.id,
            createdAt: event.created_at,
          });
          for (const spec of specs) {
            const queue = deps.queues[spec.queue];
            if (!queue) throw new UnroutableEventError(`no producer for queue ${spec.queue}`);
            const jobId = jobIdFor(event.id, spec);
            await withTimeout(
              queue.add(spec.name, spec.data, { ...spec.opts, jobId }),
              enqueueTimeoutMs,
              'enqueue',
            );
          }
          done.push(event.id);
        } catch (error) {
          result.failed += 1;
          const unroutable = error instanceof UnroutableEventError;
          await recordFailure(tx, event, error, now, unroutable ? UNROUTABLE_RETRY_MS : undefined);
          deps.logger.warn({ err: error, eventId: event.id, type: event.type }, 'outbox event not relayed');
          // Redis trouble will fail the rest of the batch too; release them for the next pass.
          if (!unroutable) break;
        }
      }

      if (done.length > 0) {
        // Once enqueued, an emailed link token is needed only by the job (Redis, bounded
        // retention): overwrite it here, in the commit that marks the row dispatched, so
        // outbox rows and database backups never hold a usable reset/verification link.
        await tx.$executeRaw`
          UPDATE outbox_events
          SET dispatched_at = ${now},
              payload = CASE WHEN jsonb_typeof(payload -> 'token') = 'string'
                        THEN jsonb_set(payload, '{token}', to_jsonb(${SCRUBBED_TOKEN}::text))
                        ELSE payload END
          WHERE id = ANY(${done}::uuid[])`;
      }
      result.dispatched = done.length;
      return result;
    },
    // Row locks are held while Redis is called: bound the transaction by the enqueue timeout.
    { timeout: enqueueTimeoutMs + 10_000, maxWait: 5_000 },
  );
}

async function recordFailure(tx: Tx, event: ClaimedEvent, error: unknown, now: Date, delayMs?: number) {
  const attempts = event.attempts + 1;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  await tx.outboxEvent.update({
    where: { id: event.id },
    data: {
      attempts,
      lastError: message.slice(0, 2_000),
      availableAt: new Date(now.getTime() + (delayMs ?? relayRetryDelayMs(attempts))),
    },
  });
}

export interface Relay {
  /** Runs a pass now instead of waiting for the poll interval. */
  wake(): void;
  /** Stops polling and waits for the pass in progress to finish. */
  stop(): Promise<void>;
}

/** Polls `relayOnce` every `pollMs`; a full batch is followed immediately by the next pass. */
export function startRelay(deps: RelayDeps & { pollMs: number }): Relay {
  let stopped = false;
  // A wake() during a pass must not be lost: the next sleep returns at once.
  let woken = false;
  let wakeUp: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) return resolve();
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    const batchSize = deps.batchSize ?? 50;
    while (!stopped) {
      let full = false;
      woken = false;
      try {
        const r = await relayOnce(deps);
        full = r.claimed === batchSize && r.failed === 0;
        if (r.dispatched > 0) deps.logger.debug({ ...r }, 'outbox relayed');
      } catch (error) {
        // Database unavailable or the like: the next poll retries; events stay in the outbox.
        deps.logger.error({ err: error }, 'outbox relay pass failed');
      }
      if (!full && !stopped) await sleep(deps.pollMs);
    }
  })();

  return {
    wake: () => {
      woken = true;
      wakeUp?.();
    },
    stop: async () => {
      stopped = true;
      wakeUp?.();
      await loop;
    },
  };
}
