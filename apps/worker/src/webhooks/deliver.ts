import { WebhookDeliverJob } from '@repo/contracts';
import type { Db, Tx } from '@repo/db';
import type { Logger } from '@repo/observability';
import { classifyResponse, openEndpointSecret, retryDelay, signatureHeaders } from '@repo/webhooks';
import { DelayedError, type Job } from 'bullmq';
import type { Dispatcher } from 'undici';
import { type DisableRule, disableEndpoint, markFailingSince, recordExhausted } from './health';
import { postOnce } from './http';
import type { EndpointLimits } from './limits';
import { type LoadedDelivery, loadDelivery, recordAnswer, recordSuccess, startAttempt } from './records';

export interface DeliverDeps {
  db: Db;
  dispatcher: Dispatcher;
  limits: EndpointLimits;
  /** TOTP_ENCRYPTION_KEY: opens the endpoint's sealed secrets. */
  secretsKey: string;
  timeoutMs: number;
  schedule: readonly number[];
  disableRule: DisableRule;
  /** Tells the organization's owners and admins (an outbox event in the same transaction). */
  onDisabled: (tx: Tx, endpointId: string, now: Date) => Promise<void>;
  logger: Logger;
  clock?: () => Date;
  random?: () => number;
}

export type DeliverOutcome = 'succeeded' | 'failed' | 'retrying' | 'postponed' | 'skipped';

const USER_AGENT = 'Groundwork-Webhooks/1';

/** Puts the job back to wait `ms` without counting an attempt (BullMQ's documented pattern). */
async function postpone(job: Job, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + Math.max(1, Math.round(ms)), token);
  throw new DelayedError();
}

/**
 * Carries one delivery through one attempt per run: checks order, circuit and the endpoint's
 * concurrency cap (waiting does not count as an attempt), records the attempt before sending
 * (a crash mid-request leaves it on record as interrupted), sends, records the answer, and then
 * finishes the delivery or schedules the next attempt on the same job.
 */
export function createDeliverProcessor(deps: DeliverDeps) {
  const clock = deps.clock ?? (() => new Date());
  return async function deliver(job: Job, token?: string): Promise<DeliverOutcome> {
    const { deliveryId } = WebhookDeliverJob.parse(job.data);
    const delivery = await loadDelivery(deps.db, deliveryId);
    if (delivery?.status !== 'pending') return 'skipped';
    const { endpoint, message } = delivery;
    const isTest = message.eventType === 'webhook.test';
    if (endpoint.disabledAt && !isTest) {
      await deps.db.webhookDelivery.updateMany({
        where: { id: delivery.id, status: 'pending' },
        data: { status: 'failed', nextAttemptAt: null },
      });
      return 'skipped';
    }

    if (endpoint.ordered) {
      const earlier = await deps.db.webhookDelivery.findFirst({
        where: {
          endpointId: endpoint.id,
          status: 'pending',
          id: { not: delivery.id },
          OR: [
            { message: { createdAt: { lt: message.createdAt } } },
            { message: { createdAt: message.createdAt, id: { lt: message.id } } },
          ],
        },
        select: { nextAttemptAt: true },
      });
      if (earlier) {
        const wait = (earlier.nextAttemptAt?.getTime() ?? 0) - Date.now();
        await postpone(job, token, Math.max(wait, 0) + 250);
      }
    }

    const holder = `${job.id}:${token ?? ''}`;
    const blocked = await deps.limits.blockedFor(endpoint.id, holder);
    if (blocked > 0) await postpone(job, token, blocked + Math.random() * 250);
    if (!(await deps.limits.acquire(endpoint.id, holder))) {
      await postpone(job, token, 200 + Math.random() * 800);
    }

    try {
      return await attempt(job, token, delivery);
    } finally {
      await deps.limits.release(endpoint.id, holder).catch(() => {});
    }
  };

  async function attempt(
    job: Job,
    token: string | undefined,
    delivery: LoadedDelivery,
  ): Promise<DeliverOutcome> {
    const { endpoint, message } = delivery;
    const startedAt = clock();
    const number = delivery.attemptCount + 1;
    const secrets = [openEndpointSecret(deps.secretsKey, endpoint.id, endpoint.secretCiphertext)];
    if (
      endpoint.previousSecretCiphertext &&
      endpoint.previousSecretExpiresAt &&
      endpoint.previousSecretExpiresAt > startedAt
    ) {
      secrets.push(openEndpointSecret(deps.secretsKey, endpoint.id, endpoint.previousSecretCiphertext));
    }
    const headers = {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      ...signatureHeaders(secrets, {
        id: message.id,
        timestamp: Math.floor(startedAt.getTime() / 1000),
        body: message.body,
      }),
    };
    const attemptId = await startAttempt(deps.db, {
      deliveryId: delivery.id,
      number,
      startedAt,
      url: endpoint.url,
      headers,
    });

    const result = await postOnce(endpoint.url, {
      headers,
      body: message.body,
      dispatcher: deps.dispatcher,
      timeoutMs: deps.timeoutMs,
    });
    const now = clock();
    const outcome =
      result.status === null
        ? ({ kind: 'failed', retryAfterMs: null } as const)
        : classifyResponse(result.status, result.headers ?? {}, now);

    if (outcome.kind === 'delivered') {
      await recordSuccess(deps.db, { attemptId, deliveryId: delivery.id, endpointId: endpoint.id, result });
      await deps.limits.succeeded(endpoint.id);
      return 'succeeded';
    }
    await recordAnswer(deps.db, attemptId, result);

    if (outcome.kind === 'gone') {
      await deps.db.$transaction(async (tx) => {
        await tx.webhookDelivery.update({
          where: { id: delivery.id },
          data: { status: 'failed', nextAttemptAt: null },
        });
        if (await disableEndpoint(tx, endpoint, 'gone', now)) await deps.onDisabled(tx, endpoint.id, now);
      });
      deps.logger.warn({ endpointId: endpoint.id }, 'webhook endpoint answered 410 Gone: disabled');
      return 'failed';
    }

    await deps.limits.failed(endpoint.id);
    await markFailingSince(deps.db, endpoint.id, startedAt);
    const wait = retryDelay(number + 1, {
      schedule: deps.schedule,
      retryAfterMs: outcome.retryAfterMs,
      ...(deps.random ? { random: deps.random } : {}),
    });
    if (wait === null) {
      await deps.db.$transaction(async (tx) => {
        await tx.webhookDelivery.update({
          where: { id: delivery.id },
          data: { status: 'failed', nextAttemptAt: null },
        });
        if (await recordExhausted(tx, endpoint, deps.disableRule, now))
          await deps.onDisabled(tx, endpoint.id, now);
      });
      return 'failed';
    }
    await deps.db.webhookDelivery.update({
      where: { id: delivery.id },
      data: { nextAttemptAt: new Date(now.getTime() + wait) },
    });
    await postpone(job, token, wait);
    return 'retrying';
  }
}
