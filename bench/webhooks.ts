/**
 * Webhook delivery throughput (docs/webhooks.md): one event fanned out to 10 endpoints, many
 * times over, delivered by the real `webhooks` processor (`@repo/worker/bench`) to a receiver in
 * its own process; the anchor is raw undici POSTs of the same bodies to the same receiver at the
 * same concurrency, in the same run. A second scenario answers 500 to every tenth request, so
 * retries are part of the figure. The receiver's counts are checked exactly: every message
 * reached every endpoint once, and the only extra requests are the retried attempts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { QueueName, WebhookJobName } from '@repo/contracts';
import { createDb } from '@repo/db';
import { createLogger } from '@repo/observability';
import { createQueue, createRedis } from '@repo/queue';
import { generateSecret, sealEndpointSecret, signatureHeaders } from '@repo/webhooks';
import { startWebhooks } from '@repo/worker/bench';
import { Agent, request } from 'undici';

const ENDPOINTS = 10;
/** Requests in flight at once, on both sides: 10 endpoints × 4 per endpoint. */
const PER_ENDPOINT = 4;
const CONCURRENCY = ENDPOINTS * PER_ENDPOINT;

export interface WebhookBenchRow {
  name: string;
  deliveries: number;
  anchorPerSec: number;
  webhooksPerSec: number;
  ratio: number;
  received: number;
  attemptsRecorded: number;
  target: number;
}

interface Stats {
  received: number;
  distinct: number;
}

export async function webhookScenarios(opts: {
  root: string;
  databaseUrl: string;
  redisUrl: string;
  freePort: () => Promise<number>;
  children: ChildProcess[];
  waitFor: (url: string, child: ChildProcess) => Promise<void>;
  messages: number;
}): Promise<WebhookBenchRow[]> {
  const port = await opts.freePort();
  const receiverProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(opts.root, 'bench/webhook-receiver.ts'), String(port)],
    { cwd: opts.root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  opts.children.push(receiverProcess);
  const base = `http://127.0.0.1:${port}`;
  const stats = async (): Promise<Stats> => (await fetch(`${base}/stats`)).json() as Promise<Stats>;
  const reset = (failEvery: number) => fetch(`${base}/reset?failEvery=${failEvery}`, { method: 'POST' });
  await waitFor(() => fetch(`${base}/stats`).then((r) => r.ok));

  const db = createDb({ url: opts.databaseUrl, poolMax: 20 });
  const key = randomBytes(32).toString('base64url');
  const rows: WebhookBenchRow[] = [];
  try {
    for (const scenario of [
      { name: 'webhooks: 1 event → 10 endpoints', failEvery: 0, target: 0.4 },
      { name: 'webhooks: same, 10 % answered 500', failEvery: 10, target: 0.3 },
    ]) {
      const organization = await db.organization.create({
        data: { name: 'Bench', slug: `bench-${randomUUID().slice(0, 12)}` },
      });
      const endpoints = [];
      for (let i = 0; i < ENDPOINTS; i++) {
        const id = randomUUID();
        const secret = generateSecret();
        await db.webhookEndpoint.create({
          data: {
            id,
            organizationId: organization.id,
            url: `${base}/hooks/${i}`,
            eventTypes: ['*'],
            secretCiphertext: sealEndpointSecret(key, id, secret),
          },
        });
        endpoints.push({ id, secret, url: `${base}/hooks/${i}` });
      }
      const body = JSON.stringify({ type: 'member.added', data: { member: { userId: randomUUID() } } });
      const total = opts.messages * ENDPOINTS;

      // Anchor: the same number of signed POSTs, straight through undici, same concurrency.
      await reset(scenario.failEvery);
      const agent = new Agent({ connections: PER_ENDPOINT });
      const anchorStart = performance.now();
      let next = 0;
      const anchorSent = async () => {
        for (;;) {
          const i = next++;
          if (i >= total) return;
          const ep = endpoints[i % ENDPOINTS] as (typeof endpoints)[number];
          const id = randomUUID();
          // Retried until 2xx, like the worker: the anchor does the same work for the same answers.
          for (;;) {
            const headers = signatureHeaders([ep.secret], {
              id,
              timestamp: Math.floor(Date.now() / 1000),
              body,
            });
            const res = await request(ep.url, { method: 'POST', body, dispatcher: agent, headers });
            await res.body.dump();
            if (res.statusCode < 300) break;
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, anchorSent));
      const anchorPerSec = total / ((performance.now() - anchorStart) / 1000);
      await agent.close();

      // The real path: fan-out jobs into the queue, the processor delivers.
      await reset(scenario.failEvery);
      const prefix = `bench-webhooks-${randomBytes(4).toString('hex')}`;
      const workerRedis = createRedis(opts.redisUrl, { role: 'worker' });
      const producerRedis = createRedis(opts.redisUrl, { role: 'producer' });
      const hooks = startWebhooks({
        db,
        workerRedis,
        producerRedis,
        env: {
          REDIS_PREFIX: prefix,
          TOTP_ENCRYPTION_KEY: key,
          WEBHOOK_ALLOW_HTTP: true,
          WEBHOOK_ALLOWED_CIDRS: ['127.0.0.1/32'],
          WEBHOOK_TIMEOUT_MS: 15_000,
          WEBHOOK_RETRY_SCHEDULE: [0, 20, 20, 20, 20],
          WEBHOOK_ENDPOINT_CONCURRENCY: PER_ENDPOINT,
          WEBHOOK_WORKER_CONCURRENCY: CONCURRENCY,
          WEBHOOK_DISABLE_AFTER_FAILED_MESSAGES: 1_000_000,
          WEBHOOK_DISABLE_AFTER_FAILING_DAYS: 365,
        },
        logger: createLogger({ service: 'bench', level: 'silent' }),
        // The circuit would rest the endpoints between the deliberate 500s; measured without it.
        circuit: { failureThreshold: 1_000_000 },
      });
      hooks.worker.on('error', () => {});
      const queue = createQueue(QueueName.webhooks, { connection: producerRedis, prefix });
      const started = performance.now();
      const messageIds: string[] = [];
      await queue.addBulk(
        Array.from({ length: opts.messages }, () => {
          const eventId = randomUUID();
          messageIds.push(eventId);
          return {
            name: WebhookJobName.fanout,
            data: {
              eventId,
              organizationId: organization.id,
              type: 'member.added',
              timestamp: new Date().toISOString(),
              data: {
                member: { userId: randomUUID(), email: 'bench@example.com', name: 'Bench', role: 'member' },
              },
            },
            opts: { jobId: eventId },
          };
        }),
      );
      await waitFor(
        async () =>
          (await db.webhookDelivery.count({
            where: { endpoint: { organizationId: organization.id }, status: 'succeeded' },
          })) === total,
        600_000,
      );
      const webhooksPerSec = total / ((performance.now() - started) / 1000);
      const received = await stats();
      const attemptsRecorded = await db.webhookAttempt.count({
        where: { delivery: { endpoint: { organizationId: organization.id } } },
      });
      await hooks.close();
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
      await Promise.allSettled([workerRedis.quit(), producerRedis.quit()]);

      // Nothing lost, nothing extra: every (message, endpoint) once, every request an attempt on record.
      if (received.distinct !== total || received.received !== attemptsRecorded) {
        throw new Error(
          `${scenario.name}: receiver got ${received.received} requests for ${received.distinct} distinct deliveries; ` +
            `expected ${total} distinct and ${attemptsRecorded} requests (the attempts on record)`,
        );
      }
      rows.push({
        name: scenario.name,
        deliveries: total,
        anchorPerSec: Math.round(anchorPerSec),
        webhooksPerSec: Math.round(webhooksPerSec),
        ratio: Number((webhooksPerSec / anchorPerSec).toPrecision(3)),
        received: received.received,
        attemptsRecorded,
        target: scenario.target,
      });
      await db.webhookEndpoint.deleteMany({ where: { organizationId: organization.id } });
      await db.webhookMessage.deleteMany({ where: { id: { in: messageIds } } });
      await db.organization.delete({ where: { id: organization.id } });
    }
  } finally {
    await db.$disconnect();
  }
  return rows;
}

async function waitFor(probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('webhook bench: timed out');
}

export function webhookTable(rows: WebhookBenchRow[]): string[] {
  return [
    '## Webhook delivery',
    '',
    'Deliveries per second through fan-out, signing, the URL guard and the delivery log, as a ratio to raw undici',
    `POSTs of the same signed bodies to the same receiver at the same concurrency (${CONCURRENCY}). Counts checked exactly.`,
    '',
    '| Scenario | deliveries | anchor/s | webhooks/s | ratio | target | requests received | attempts on record |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.deliveries} | ${r.anchorPerSec} | ${r.webhooksPerSec} | ${r.ratio} | ≥ ${r.target} | ${r.received} | ${r.attemptsRecorded} |`,
    ),
    '',
  ];
}
