/**
 * Webhook delivery under faults, with the real worker as a child process (docs/webhooks.md):
 * the worker killed (SIGKILL) while a request is in flight, and Redis stopped and restarted
 * while events are published. Nothing may be lost, and the delivery log must stay consistent.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { type AddressInfo, createConnection, createServer } from 'node:net';
import { createDb } from '@repo/db';
import { publishEvent } from '@repo/outbox';
import { startWorkerProcess, type WorkerProcess } from '@repo/testing';
import { generateSecret, sealEndpointSecret } from '@repo/webhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const db = createDb({ url: process.env.DATABASE_URL ?? '', poolMax: 2 });
const KEY = process.env.TOTP_ENCRYPTION_KEY ?? '';
const workers: WorkerProcess[] = [];

/** What the worker needs to deliver to a loopback receiver, quickly. */
const workerEnv = (extra: Record<string, string> = {}) => ({
  REDIS_PREFIX: `whf-${randomUUID().slice(0, 8)}`,
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_ALLOWED_CIDRS: '127.0.0.1/32',
  WEBHOOK_RETRY_SCHEDULE: '0,1,1,1,1,1',
  WEBHOOK_TIMEOUT_MS: '60000',
  OUTBOX_POLL_MS: '200',
  ...extra,
});

interface Hit {
  path: string;
  headers: IncomingHttpHeaders;
}
const hits: Hit[] = [];
let hold: ((res: ServerResponse) => void) | null = null;
const receiver = createHttpServer((req, res) => {
  req.resume();
  req.on('end', () => {
    hits.push({ path: req.url ?? '', headers: req.headers });
    if (hold) {
      const h = hold;
      hold = null;
      h(res);
    } else res.writeHead(204).end();
  });
});
let receiverUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
  await db.$disconnect();
});

async function until<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}\n--- worker output ---\n${workers.flatMap((w) => w.output).join('')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function endpoint(path: string) {
  const organization = await db.organization.create({
    data: { name: 'Faults', slug: `faults-${randomUUID().slice(0, 12)}` },
  });
  const id = randomUUID();
  await db.webhookEndpoint.create({
    data: {
      id,
      organizationId: organization.id,
      url: `${receiverUrl}${path}`,
      eventTypes: ['*'],
      secretCiphertext: sealEndpointSecret(KEY, id, generateSecret()),
    },
  });
  return { id, organizationId: organization.id };
}

/** Publishes as a service does: in a transaction, through the outbox. */
async function publish(organizationId: string): Promise<string> {
  const [event] = await db.$transaction((tx) =>
    publishEvent(
      tx,
      {
        type: 'organization.updated',
        organizationIds: [organizationId],
        data: { organization: { id: organizationId, name: 'Faults', slug: 'faults' }, changed: ['name'] },
      },
      new Date(),
    ),
  );
  return event?.id ?? '';
}

const deliveryOf = (messageId: string, endpointId: string) =>
  db.webhookDelivery.findUnique({
    where: { messageId_endpointId: { messageId, endpointId } },
    include: { attempts: { orderBy: { number: 'asc' } } },
  });

describe('webhook delivery under faults', () => {
  it('survives the worker being killed mid-request: delivered afterwards, the cut attempt on record', async () => {
    const env = workerEnv();
    const ep = await endpoint('/killed');
    let inFlight!: () => void;
    const arrived = new Promise<void>((resolve) => {
      inFlight = resolve;
    });
    hold = () => inFlight(); // the first request is never answered
    const first = await startWorkerProcess(env);
    workers.push(first);
    const messageId = await publish(ep.organizationId);
    await arrived;
    await first.stop('SIGKILL');

    // A new worker finds the job stalled (its lock expires) and delivers it again.
    const second = await startWorkerProcess(env);
    workers.push(second);
    const done = await until(
      async () => {
        const d = await deliveryOf(messageId, ep.id);
        return d?.status === 'succeeded' ? d : undefined;
      },
      'the delivery after the crash',
      100_000,
    );
    expect(done.attempts.map((a) => [a.number, a.responseStatus, a.error?.split(':')[0] ?? null])).toEqual([
      [1, null, 'interrupted'],
      [2, 204, null],
    ]);
    const mine = hits.filter((h) => h.path === '/killed');
    expect(mine).toHaveLength(2);
    expect(new Set(mine.map((h) => h.headers['webhook-id']))).toEqual(new Set([messageId]));
  }, 150_000);

  it('delivers every event published while Redis was down, once it is back', async () => {
    const port = await freePort();
    const redis = await startRedis(port);
    try {
      const env = workerEnv({ REDIS_URL: `redis://127.0.0.1:${port}` });
      const ep = await endpoint('/redis-restart');
      const worker = await startWorkerProcess(env);
      workers.push(worker);
      const before = await publish(ep.organizationId);
      await until(
        async () => (await deliveryOf(before, ep.id))?.status === 'succeeded',
        'the first delivery',
      );

      await stopRedis(redis.child);
      const during = [
        await publish(ep.organizationId),
        await publish(ep.organizationId),
        await publish(ep.organizationId),
      ];
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // the relay keeps failing meanwhile
      redis.child = (await startRedis(port)).child;

      for (const id of during) {
        await until(
          async () => (await deliveryOf(id, ep.id))?.status === 'succeeded',
          `delivery of ${id}`,
          60_000,
        );
      }
      const received = hits.filter((h) => h.path === '/redis-restart').map((h) => h.headers['webhook-id']);
      expect(new Set(received)).toEqual(new Set([before, ...during]));
    } finally {
      await stopRedis(redis.child);
    }
  }, 150_000);
});

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A throw-away Redis of this test's own (the shared one must keep serving other files). */
async function startRedis(port: number): Promise<{ child: ChildProcess }> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection(port);
      socket.once('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return { child };
    if (Date.now() > deadline) throw new Error('redis-server did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}
