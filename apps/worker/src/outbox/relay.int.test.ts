import { QueueName } from '@repo/contracts';
import { createDb } from '@repo/db';
import { createQueue, createRedis } from '@repo/queue';
import { uniqueEmail } from '@repo/testing';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort, requireEnv, silentLogger, uniquePrefix } from '../worker.test-support';
import { relayOnce, SCRUBBED_TOKEN } from './relay';

const db = createDb({ url: requireEnv('DATABASE_URL'), poolMax: 4 });
let redis: Redis;
let queue: Queue;

const joined = (email = uniqueEmail('relay')) =>
  db.outboxEvent.create({
    data: { type: 'waitlist.joined', payload: { entryId: 'e1', email, locale: 'fr' } },
  });

beforeAll(() => {
  redis = createRedis(requireEnv('REDIS_URL'), { role: 'producer' });
});
beforeEach(async () => {
  // This vitest worker's database is shared by its files (run one after another): start empty.
  await db.outboxEvent.deleteMany();
  queue = createQueue(QueueName.email, { connection: redis, prefix: uniquePrefix('relay') });
});
afterEach(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
});
afterAll(async () => {
  await redis.quit();
  await db.$disconnect();
});

const relay = (overrides: Partial<Parameters<typeof relayOnce>[0]> = {}) =>
  relayOnce({ db, queues: { email: queue }, logger: silentLogger, ...overrides });

describe('outbox relay', () => {
  it('turns an event into an email job with jobId = event id and marks it dispatched', async () => {
    const email = uniqueEmail('relay');
    const event = await joined(email);

    const result = await relay();

    expect(result).toEqual({ claimed: 1, dispatched: 1, failed: 0 });
    const job = await queue.getJob(event.id);
    expect(job?.name).toBe('waitlist-welcome');
    expect(job?.data).toEqual({ template: 'waitlist-welcome', to: email, locale: 'fr', props: { email } });
    const row = await db.outboxEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(row.dispatchedAt).toBeInstanceOf(Date);
    expect(row.attempts).toBe(0);
  });

  it('enqueues once when an event is relayed twice (crash between enqueue and commit)', async () => {
    const event = await joined();
    await relay();
    expect(await relay()).toEqual({ claimed: 0, dispatched: 0, failed: 0 });

    // Simulate the crash: the job is in Redis but the dispatch mark was never committed.
    await db.outboxEvent.update({ where: { id: event.id }, data: { dispatchedAt: null } });
    expect(await relay()).toMatchObject({ claimed: 1, dispatched: 1 });

    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('leaves the event undispatched and records the error when Redis is unreachable', async () => {
    const event = await joined();
    const deadRedis = createRedis(`redis://127.0.0.1:${await freePort()}`, {
      role: 'producer',
      maxReconnectDelayMs: 100,
    });
    deadRedis.on('error', () => {});
    const deadQueue = createQueue(QueueName.email, { connection: deadRedis, prefix: uniquePrefix('dead') });
    deadQueue.on('error', () => {});
    const now = new Date();
    try {
      const result = await relay({ queues: { email: deadQueue }, enqueueTimeoutMs: 300, clock: () => now });
      expect(result).toEqual({ claimed: 1, dispatched: 0, failed: 1 });
    } finally {
      deadRedis.disconnect();
    }

    const row = await db.outboxEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(row.dispatchedAt).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/timed out|ECONNREFUSED|closed/i);
    expect(row.availableAt.getTime()).toBeGreaterThan(now.getTime());

    // Not due yet: a pass right away leaves it alone; once due, a healthy Redis takes it.
    expect(await relay({ clock: () => now })).toMatchObject({ claimed: 0 });
    const later = new Date(row.availableAt.getTime() + 1);
    expect(await relay({ clock: () => later })).toEqual({ claimed: 1, dispatched: 1, failed: 0 });
    expect(await queue.getJob(event.id)).toBeDefined();
  });

  it('parks an event with an unknown type or bad payload without blocking the others', async () => {
    const good = await joined();
    const unknown = await db.outboxEvent.create({ data: { type: 'nope.happened', payload: {} } });
    const bad = await db.outboxEvent.create({ data: { type: 'waitlist.joined', payload: { email: 'x' } } });

    expect(await relay()).toEqual({ claimed: 3, dispatched: 1, failed: 2 });

    const rows = await db.outboxEvent.findMany({ where: { id: { in: [unknown.id, bad.id] } } });
    for (const row of rows) {
      expect(row.dispatchedAt).toBeNull();
      expect(row.attempts).toBe(1);
    }
    expect(rows.find((r) => r.id === unknown.id)?.lastError).toMatch(/unknown event type: nope.happened/);
    expect(rows.find((r) => r.id === bad.id)?.lastError).toMatch(/invalid waitlist.joined payload/);
    expect(await queue.getJob(good.id)).toBeDefined();
  });

  it('skips events another relay has locked instead of waiting for them', async () => {
    const locked = await joined();
    const free = await joined();
    const other = new pg.Client({ connectionString: requireEnv('DATABASE_URL') });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT id FROM outbox_events WHERE id = $1 FOR UPDATE', [locked.id]);

      expect(await relay()).toEqual({ claimed: 1, dispatched: 1, failed: 0 });
      expect(await queue.getJob(free.id)).toBeDefined();
      expect(await queue.getJob(locked.id)).toBeUndefined();
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
    expect(await relay()).toMatchObject({ claimed: 1, dispatched: 1 });
  });

  it('scrubs the link token from a dispatched event; the job keeps it to send the mail', async () => {
    const email = uniqueEmail('scrub');
    const payload = {
      userId: 'u1',
      email,
      locale: 'en',
      token: 'raw-reset-token',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    };
    const event = await db.outboxEvent.create({ data: { type: 'user.password_reset_requested', payload } });
    const plain = await joined();

    expect(await relay()).toEqual({ claimed: 2, dispatched: 2, failed: 0 });

    const row = await db.outboxEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(row.dispatchedAt).toBeInstanceOf(Date);
    expect(row.payload).toEqual({ ...payload, token: SCRUBBED_TOKEN });
    const [raw] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM outbox_events WHERE payload::text LIKE '%raw-reset-token%'`;
    expect(raw?.n).toBe(0);
    expect((await queue.getJob(event.id))?.data.props.token).toBe('raw-reset-token');
    // Events without a token are stored as written.
    const plainRow = await db.outboxEvent.findUniqueOrThrow({ where: { id: plain.id } });
    expect(plainRow.payload).toEqual(plain.payload);
  });

  it('keeps the token while the event is not dispatched, and never relays a scrubbed one again', async () => {
    const payload = {
      userId: 'u1',
      email: uniqueEmail('scrub'),
      locale: 'fr',
      token: 'raw-unlock-token',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      lockedUntil: new Date(Date.now() + 900_000).toISOString(),
    };
    const event = await db.outboxEvent.create({ data: { type: 'user.locked', payload } });
    const deadQueue = { add: () => Promise.reject(new Error('redis down')) } as unknown as Queue;
    expect(await relay({ queues: { email: deadQueue } })).toMatchObject({ failed: 1 });
    expect((await db.outboxEvent.findUniqueOrThrow({ where: { id: event.id } })).payload).toEqual(payload);

    await db.outboxEvent.update({ where: { id: event.id }, data: { availableAt: new Date() } });
    expect(await relay()).toMatchObject({ dispatched: 1 });
    expect(await queue.getJob(event.id)).toBeDefined();

    // Reset by hand after the job is gone from Redis: relaying it would mail a dead "[sent]" link.
    await queue.obliterate({ force: true });
    await db.outboxEvent.update({ where: { id: event.id }, data: { dispatchedAt: null } });
    expect(await relay()).toEqual({ claimed: 1, dispatched: 0, failed: 1 });
    expect(await queue.getJob(event.id)).toBeUndefined();
    const row = await db.outboxEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(row.lastError).toMatch(/token already scrubbed/);
  });
});
