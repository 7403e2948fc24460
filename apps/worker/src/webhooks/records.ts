import type { Db } from '@repo/db';
import { v7 as uuidv7 } from 'uuid';
import type { AttemptResult } from './http';

/**
 * The delivery log's writes on the hot path, each one SQL statement: a delivery makes two round
 * trips to PostgreSQL per successful attempt instead of a dozen Prisma operations, which is what
 * bounded throughput (docs/webhooks.md, `pnpm bench`). The rarer paths (retry, disable) use
 * Prisma in deliver.ts.
 */
const INTERRUPTED = 'interrupted: the worker stopped during this attempt';

export interface LoadedDelivery {
  id: string;
  status: 'pending' | 'succeeded' | 'failed';
  attemptCount: number;
  endpoint: {
    id: string;
    organizationId: string;
    url: string;
    ordered: boolean;
    disabledAt: Date | null;
    secretCiphertext: string;
    previousSecretCiphertext: string | null;
    previousSecretExpiresAt: Date | null;
  };
  message: { id: string; eventType: string; body: string; createdAt: Date };
}

interface Row {
  id: string;
  status: LoadedDelivery['status'];
  attempt_count: number;
  endpoint_id: string;
  organization_id: string;
  url: string;
  ordered: boolean;
  disabled_at: Date | null;
  secret_ciphertext: string;
  previous_secret_ciphertext: string | null;
  previous_secret_expires_at: Date | null;
  message_id: string;
  event_type: string;
  body: string;
  message_created_at: Date;
}

/** The delivery with its endpoint and message, in one query. */
export async function loadDelivery(db: Db, deliveryId: string): Promise<LoadedDelivery | null> {
  const [row] = await db.$queryRaw<Row[]>`
    SELECT d.id, d.status, d.attempt_count, e.id AS endpoint_id, e.organization_id, e.url, e.ordered,
           e.disabled_at, e.secret_ciphertext, e.previous_secret_ciphertext, e.previous_secret_expires_at,
           m.id AS message_id, m.event_type, m.body, m.created_at AS message_created_at
    FROM webhook_deliveries d
    JOIN webhook_endpoints e ON e.id = d.endpoint_id
    JOIN webhook_messages m ON m.id = d.message_id
    WHERE d.id = ${deliveryId}::uuid`;
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    attemptCount: row.attempt_count,
    endpoint: {
      id: row.endpoint_id,
      organizationId: row.organization_id,
      url: row.url,
      ordered: row.ordered,
      disabledAt: row.disabled_at,
      secretCiphertext: row.secret_ciphertext,
      previousSecretCiphertext: row.previous_secret_ciphertext,
      previousSecretExpiresAt: row.previous_secret_expires_at,
    },
    message: {
      id: row.message_id,
      eventType: row.event_type,
      body: row.body,
      createdAt: row.message_created_at,
    },
  };
}

/**
 * Records an attempt before it is sent, counts it on the delivery, and marks an earlier attempt
 * that never got an answer (the worker died during it) as interrupted. Returns the attempt id.
 */
export async function startAttempt(
  db: Db,
  a: { deliveryId: string; number: number; startedAt: Date; url: string; headers: Record<string, string> },
): Promise<string> {
  const id = uuidv7();
  await db.$executeRaw`
    WITH interrupted AS (
      UPDATE webhook_attempts SET error = ${INTERRUPTED}
      WHERE delivery_id = ${a.deliveryId}::uuid AND duration_ms IS NULL AND error IS NULL AND response_status IS NULL
    ), counted AS (
      UPDATE webhook_deliveries SET attempt_count = ${a.number}, last_attempt_at = ${a.startedAt}
      WHERE id = ${a.deliveryId}::uuid
    )
    INSERT INTO webhook_attempts (id, delivery_id, number, started_at, url, request_headers)
    VALUES (${id}::uuid, ${a.deliveryId}::uuid, ${a.number}, ${a.startedAt}, ${a.url}, ${JSON.stringify(a.headers)}::jsonb)`;
  return id;
}

const answerOf = (result: AttemptResult) => ({
  headers: result.headers ? JSON.stringify(result.headers) : null,
  error: result.error ?? (result.status === null ? 'no answer' : null),
});

/** Stores the answer (or the error) of an attempt. */
export async function recordAnswer(db: Db, attemptId: string, result: AttemptResult): Promise<void> {
  const { headers, error } = answerOf(result);
  await db.$executeRaw`
    UPDATE webhook_attempts
    SET duration_ms = ${result.durationMs}, response_status = ${result.status},
        response_headers = ${headers}::jsonb, response_body = ${result.body}, error = ${error}
    WHERE id = ${attemptId}::uuid`;
}

/** A 2xx: the answer, the delivery's success and the end of the endpoint's failure run at once. */
export async function recordSuccess(
  db: Db,
  s: { attemptId: string; deliveryId: string; endpointId: string; result: AttemptResult },
): Promise<void> {
  const { headers, error } = answerOf(s.result);
  await db.$executeRaw`
    WITH answered AS (
      UPDATE webhook_attempts
      SET duration_ms = ${s.result.durationMs}, response_status = ${s.result.status},
          response_headers = ${headers}::jsonb, response_body = ${s.result.body}, error = ${error}
      WHERE id = ${s.attemptId}::uuid
    ), delivered AS (
      UPDATE webhook_deliveries SET status = 'succeeded', next_attempt_at = NULL WHERE id = ${s.deliveryId}::uuid
    )
    UPDATE webhook_endpoints SET consecutive_failures = 0, failing_since = NULL
    WHERE id = ${s.endpointId}::uuid AND (consecutive_failures > 0 OR failing_since IS NOT NULL)`;
}
