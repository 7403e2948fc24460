import { randomUUID } from 'node:crypto';
import { QueueName } from '@repo/contracts';
import {
  createQueue,
  createRedis,
  type Job,
  type Queue,
  queueOptions,
  Worker,
  workerMetrics,
} from '@repo/queue';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type TestApp, useTestApps } from '../../app.test-support';
import { createKey, createOrg, createOrgUser, type WorldUser } from '../orgs/orgs.test-support';

// A fresh BullMQ prefix per app: counts only ever see this test's jobs.
const app = useTestApps(() => ({ REDIS_PREFIX: `aj${randomUUID().slice(0, 8)}` }));

const TOKEN = 'tok_secret_value_that_must_not_leak';
const emailData = (extra: Record<string, unknown> = {}) => ({
  template: 'verify-email',
  to: 'ada@example.com',
  locale: 'en',
  props: { email: 'ada@example.com', token: TOKEN, expiresAt: new Date().toISOString() },
  ...extra,
});

/** Queues, workers and connections a test opened; closed (and the prefix wiped) after it. */
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn().catch(() => {});
});

function testQueue(t: TestApp, name: QueueName = QueueName.email): Queue {
  const connection = createRedis(t.deps.env.REDIS_URL, { role: 'producer' });
  const queue = createQueue(name, { connection, prefix: t.deps.env.REDIS_PREFIX });
  cleanup.push(() => connection.quit());
  cleanup.push(() => queue.obliterate({ force: true }).then(() => queue.close()));
  return queue;
}

/** A worker like apps/worker's (same prefix, metrics on) running `processor`. */
function testWorker(
  t: TestApp,
  processor: (job: Job) => Promise<unknown>,
  name: QueueName = QueueName.email,
) {
  const connection = createRedis(t.deps.env.REDIS_URL, { role: 'worker' });
  const worker = new Worker(name, processor, {
    ...queueOptions({ connection, prefix: t.deps.env.REDIS_PREFIX }),
    metrics: workerMetrics,
  });
  worker.on('error', () => {});
  cleanup.push(() => connection.quit());
  cleanup.push(() => worker.close(true));
  return worker;
}

/** Fails jobs whose data says so (one attempt), completes the rest. */
const failOrComplete = async (job: Job) => {
  if ((job.data as { fail?: boolean }).fail) throw new Error('smtp said no');
  return 'sent';
};

/**
 * One failed and one completed email job, then the worker is stopped. Ids are UUIDs (as the
 * outbox gives): counter ids repeat across prefixes, and audit rows of all tests share a database.
 */
async function finishedJobs(t: TestApp, queue: Queue) {
  const failed = await queue.add('verify-email', emailData({ fail: true }), {
    attempts: 1,
    jobId: randomUUID(),
  });
  const completed = await queue.add('welcome', emailData(), { attempts: 1, jobId: randomUUID() });
  const worker = testWorker(t, failOrComplete);
  await vi.waitFor(
    async () => expect(await queue.getJobCounts('failed', 'completed')).toEqual({ failed: 1, completed: 1 }),
    { timeout: 10_000, interval: 50 },
  );
  await worker.close();
  return { failedId: String(failed.id), completedId: String(completed.id) };
}

async function admin(t: TestApp): Promise<WorldUser> {
  return createOrgUser(t, { prefix: 'jobs-admin', name: 'Ada Admin', globalRole: 'admin' });
}

const get = (t: TestApp, url: string, auth?: string) =>
  t.app.inject({ url, headers: auth ? { authorization: auth } : {} });
const send = (t: TestApp, method: 'POST' | 'DELETE', url: string, auth: string) =>
  t.app.inject({ method, url, headers: { authorization: auth } });

describe('GET /v1/admin/queues', () => {
  it('reports counts, pause state and last-hour throughput of every queue', async () => {
    const t = await app();
    const a = await admin(t);
    const queue = testQueue(t);
    await finishedJobs(t, queue);
    await queue.add('welcome', emailData());
    await queue.add('welcome', emailData(), { delay: 3_600_000 });

    const res = await get(t, '/v1/admin/queues', a.auth);
    expect(res.statusCode).toBe(200);
    const byName = Object.fromEntries(res.json().items.map((q: { name: string }) => [q.name, q]));
    expect(Object.keys(byName).sort()).toEqual(Object.values(QueueName).sort());
    expect(byName.email).toMatchObject({
      isPaused: false,
      counts: { waiting: 1, active: 0, delayed: 1, failed: 1, completed: 1, paused: 0, prioritized: 0 },
      throughput: { minutes: 60, completed: { total: 1 }, failed: { total: 1 } },
    });
    expect(byName.email.throughput.completed.perMinute).toHaveLength(60);
    // The current minute is last (the job finished in it, or in the one before at a boundary).
    const [previous, current] = byName.email.throughput.completed.perMinute.slice(-2);
    expect(previous + current).toBe(1);
    // No worker ever recorded anything for the other queue: no data rather than zeros.
    expect(byName.outbox).toMatchObject({ counts: { waiting: 0, failed: 0 }, throughput: null });

    await queue.pause();
    const paused = (await get(t, '/v1/admin/queues', a.auth)).json();
    expect(paused.items.find((q: { name: string }) => q.name === 'email')).toMatchObject({
      isPaused: true,
      counts: { paused: 1, waiting: 0 },
    });
  });
});

describe('GET /v1/admin/queues/:queue/jobs', () => {
  it('lists failed jobs with error and stack, and redacts tokens in job data', async () => {
    const t = await app();
    const a = await admin(t);
    const queue = testQueue(t);
    const { failedId, completedId } = await finishedJobs(t, queue);

    const res = await get(t, '/v1/admin/queues/email/jobs?state=failed', a.auth);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 1, nextCursor: null });
    expect(body.items).toHaveLength(1);
    const [job] = body.items;
    expect(job).toMatchObject({
      id: failedId,
      name: 'verify-email',
      state: 'failed',
      attemptsMade: 1,
      maxAttempts: 1,
      failedReason: 'smtp said no',
      data: { template: 'verify-email', to: 'ada@example.com', props: { token: '[redacted]' } },
    });
    expect(job.stacktrace[0]).toMatch(/Error: smtp said no\n\s+at /);
    expect(Date.parse(job.finishedOn)).toBeGreaterThanOrEqual(Date.parse(job.processedOn));
    expect(res.body).not.toContain(TOKEN);

    const completed = (await get(t, '/v1/admin/queues/email/jobs?state=completed', a.auth)).json();
    expect(completed.items.map((j: { id: string }) => j.id)).toEqual([completedId]);
    expect(completed.items[0]).toMatchObject({ state: 'completed', failedReason: null, stacktrace: [] });
  });

  it('pages with a cursor, newest first', async () => {
    const t = await app();
    const a = await admin(t);
    const queue = testQueue(t);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(String((await queue.add('welcome', emailData({ n: i }))).id));

    const first = (await get(t, '/v1/admin/queues/email/jobs?state=waiting&limit=2', a.auth)).json();
    // Opaque (lists convention): the second page shows where it continues.
    expect(first).toMatchObject({ total: 3, nextCursor: expect.any(String) });
    expect(first.items.map((j: { id: string }) => j.id)).toEqual([ids[2], ids[1]]);
    const second = (
      await get(t, `/v1/admin/queues/email/jobs?state=waiting&limit=2&cursor=${first.nextCursor}`, a.auth)
    ).json();
    expect(second).toMatchObject({ total: 3, nextCursor: null });
    expect(second.items.map((j: { id: string }) => j.id)).toEqual([ids[0]]);
    // Oldest first on request; a cursor of one state (or order) is no position in another.
    const oldest = (
      await get(t, '/v1/admin/queues/email/jobs?state=waiting&limit=2&sort=position:asc', a.auth)
    ).json();
    expect(oldest.items.map((j: { id: string }) => j.id)).toEqual([ids[0], ids[1]]);
    for (const query of [
      `state=failed&cursor=${first.nextCursor}`,
      `state=waiting&sort=position:asc&cursor=${first.nextCursor}`,
    ]) {
      const res = await get(t, `/v1/admin/queues/email/jobs?${query}`, a.auth);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().errors[0], query).toMatchObject({
        path: 'querystring.cursor',
        code: 'invalid_cursor',
      });
    }

    const delayed = (await get(t, '/v1/admin/queues/email/jobs?state=delayed', a.auth)).json();
    expect(delayed).toEqual({ items: [], total: 0, nextCursor: null });
  });

  it('answers 404 for an unknown queue and 400 for malformed input', async () => {
    const t = await app();
    const a = await admin(t);
    const unknown = await get(t, '/v1/admin/queues/nope/jobs', a.auth);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('not_found');
    for (const url of [
      '/v1/admin/queues/Bad_Queue!/jobs',
      '/v1/admin/queues/email/jobs?state=stuck',
      '/v1/admin/queues/email/jobs?limit=51',
      '/v1/admin/queues/email/jobs?cursor=-1',
      '/v1/admin/queues/email/jobs?extra=1',
    ]) {
      const res = await get(t, url, a.auth);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code, url).toBe('validation_failed');
    }
  });
});

describe('GET /v1/admin/queues/:queue/schedulers', () => {
  it('lists job schedulers with their next run; an unscheduled queue has none', async () => {
    const t = await app();
    const a = await admin(t);
    const queue = testQueue(t);
    const before = Date.now();
    await queue.upsertJobScheduler(
      'nightly-digest',
      { pattern: '0 3 * * *', tz: 'UTC' },
      { name: 'digest', data: { token: TOKEN } },
    );
    await queue.upsertJobScheduler('heartbeat', { every: 60_000 }, { name: 'ping' });

    const res = await get(t, '/v1/admin/queues/email/schedulers', a.auth);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    const byKey = Object.fromEntries(body.items.map((s: { key: string }) => [s.key, s]));
    expect(byKey['nightly-digest']).toMatchObject({
      name: 'digest',
      pattern: '0 3 * * *',
      tz: 'UTC',
      every: null,
    });
    expect(new Date(byKey['nightly-digest'].next).getUTCHours()).toBe(3);
    expect(Date.parse(byKey['nightly-digest'].next)).toBeGreaterThan(before);
    expect(byKey.heartbeat).toMatchObject({ name: 'ping', pattern: null, every: 60_000 });
    expect(Date.parse(byKey.heartbeat.next)).toBeGreaterThanOrEqual(before);
    expect(res.body).not.toContain(TOKEN);

    const none = (await get(t, '/v1/admin/queues/outbox/schedulers', a.auth)).json();
    expect(none).toEqual({ items: [], total: 0, nextCursor: null });

    // Pages of one stitch into the same list (lists convention).
    const first = (await get(t, '/v1/admin/queues/email/schedulers?limit=1', a.auth)).json();
    expect(first).toMatchObject({ total: 2, nextCursor: expect.any(String) });
    const second = (
      await get(t, `/v1/admin/queues/email/schedulers?limit=1&cursor=${first.nextCursor}`, a.auth)
    ).json();
    expect(second).toMatchObject({ total: 2, nextCursor: null });
    expect([...first.items, ...second.items].map((s: { key: string }) => s.key)).toEqual(
      body.items.map((s: { key: string }) => s.key),
    );
    const foreign = await get(t, `/v1/admin/queues/outbox/schedulers?cursor=${first.nextCursor}`, a.auth);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0]).toMatchObject({ path: 'querystring.cursor', code: 'invalid_cursor' });
    expect((await get(t, '/v1/admin/queues/nope/schedulers', a.auth)).statusCode).toBe(404);

    // A scheduler's pending iteration is the scheduler's to manage: removing it alone is refused.
    const [iteration] = await queue.getJobs(['delayed', 'waiting']);
    expect(iteration?.id).toMatch(/^repeat:/);
    const removal = await send(t, 'DELETE', `/v1/admin/queues/email/jobs/${iteration?.id}`, a.auth);
    expect(removal.statusCode).toBe(409);
    expect(removal.json().code).toBe('conflict');
  });
});

describe('POST /v1/admin/queues/:queue/jobs/:jobId/retry', () => {
  it('moves a failed job back to waiting, audits it, and a worker then completes it', async () => {
    const t = await app();
    const a = await admin(t);
    const queue = testQueue(t);
    const { failedId } = await finishedJobs(t, queue);

    const res = await send(t, 'POST', `/v1/admin/queues/email/jobs/${failedId}/retry`, a.auth);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'retried',
      job: { id: failedId, state: 'waiting', attemptsMade: 0, failedReason: null },
    });
    expect(await queue.getJobCounts('failed', 'waiting')).toMatchObject({ failed: 0, waiting: 1 });

    const audit = await t.deps.db.auditLog.findFirstOrThrow({
      where: { action: 'admin.job_retried', targetType: 'job', targetId: `email:${failedId}` },
    });
    expect(audit.actorId).toBe(a.id);
    expect(audit.requestId).toBeTruthy();
    expect(audit.diff).toMatchObject({
      before: { state: 'failed', attemptsMade: 1, failedReason: 'smtp said no' },
      after: { state: 'waiting', attemptsMade: 0 },
    });

    // Retrying it again while it waits is a conflict, not a second audit row.
    const again = await send(t, 'POST', `/v1/admin/queues/email/jobs/${failedId}/retry`, a.auth);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('conflict');
    expect(await t.deps.db.auditLog.count({ where: { targetId: `email:${failedId}` } })).toBe(1);

    testWorker(t, async () => 'sent now');
    await vi.waitFor(async () => expect(await (await queue.getJob(failedId))?.getState()).toBe('completed'), {
      timeout: 10_000,
      interval: 50,
    });
  });

  it('refuses completed jobs (409) and unknown jobs (404), and validates the id', async () => {
    const t = await app();
    const a = await admin(t);
    const queue = testQueue(t);
    const { completedId } = await finishedJobs(t, queue);

    const completed = await send(t, 'POST', `/v1/admin/queues/email/jobs/${completedId}/retry`, a.auth);
    expect(completed.statusCode).toBe(409);
    expect(completed.json().code).toBe('conflict');
    const unknown = await send(t, 'POST', `/v1/admin/queues/email/jobs/${randomUUID()}/retry`, a.auth);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('not_found');
    const unknownQueue = await send(t, 'POST', `/v1/admin/queues/nope/jobs/${completedId}/retry`, a.auth);
    expect(unknownQueue.statusCode).toBe(404);
    const badId = await send(t, 'POST', '/v1/admin/queues/email/jobs/a%20b/retry', a.auth);
    expect(badId.statusCode).toBe(400);
    expect(badId.json().code).toBe('validation_failed');
    expect(await t.deps.db.auditLog.count({ where: { action: 'admin.job_retried', actorId: a.id } })).toBe(0);
  });
});

describe('DELETE /v1/admin/queues/:queue/jobs/:jobId', () => {
  it('removes a job that is not running and audits it; a running one is a conflict', async () => {
    const t = await app();
    const a = await admin(t);
    const queue = testQueue(t);
    const { failedId } = await finishedJobs(t, queue);

    const res = await send(t, 'DELETE', `/v1/admin/queues/email/jobs/${failedId}`, a.auth);
    expect(res.statusCode).toBe(204);
    expect(await queue.getJob(failedId)).toBeUndefined();
    const audit = await t.deps.db.auditLog.findFirstOrThrow({
      where: { action: 'admin.job_removed', targetType: 'job', targetId: `email:${failedId}` },
    });
    expect(audit).toMatchObject({
      actorId: a.id,
      diff: { before: { state: 'failed', name: 'verify-email' } },
    });

    const gone = await send(t, 'DELETE', `/v1/admin/queues/email/jobs/${failedId}`, a.auth);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('not_found');

    // A custom (outbox-style) id, while a worker holds it.
    const jobId = randomUUID();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await queue.add('welcome', emailData(), { jobId });
    testWorker(t, () => held);
    await vi.waitFor(async () => expect(await (await queue.getJob(jobId))?.getState()).toBe('active'), {
      timeout: 10_000,
      interval: 50,
    });
    const running = await send(t, 'DELETE', `/v1/admin/queues/email/jobs/${jobId}`, a.auth);
    expect(running.statusCode).toBe(409);
    expect(running.json().code).toBe('conflict');
    release();
    await vi.waitFor(async () => expect(await (await queue.getJob(jobId))?.getState()).toBe('completed'), {
      timeout: 10_000,
      interval: 50,
    });
    expect(await t.deps.db.auditLog.count({ where: { actorId: a.id, action: 'admin.job_removed' } })).toBe(1);
  });
});

describe('jobs console access', () => {
  it('is for global admins only: users and API keys get 403, anonymous callers 401', async () => {
    const t = await app();
    const queue = testQueue(t);
    const { failedId } = await finishedJobs(t, queue);
    const user = await createOrgUser(t, { prefix: 'jobs-user' });
    const org = await createOrg(t, 'Jobs');
    const key = await createKey(t, org.id, [
      'organization:read',
      'organization:write',
      'members:read',
      'members:write',
    ]);

    const routes: ['GET' | 'POST' | 'DELETE', string][] = [
      ['GET', '/v1/admin/queues'],
      ['GET', '/v1/admin/queues/email/jobs?state=failed'],
      ['GET', '/v1/admin/queues/email/schedulers'],
      ['POST', `/v1/admin/queues/email/jobs/${failedId}/retry`],
      ['DELETE', `/v1/admin/queues/email/jobs/${failedId}`],
    ];
    for (const [method, url] of routes) {
      const anonymous = await t.app.inject({ method, url });
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
      for (const auth of [user.auth, key.auth]) {
        const res = await t.app.inject({ method, url, headers: { authorization: auth } });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json().code, `${method} ${url}`).toBe('forbidden');
      }
    }
    // Nothing was touched.
    expect(await (await queue.getJob(failedId))?.getState()).toBe('failed');
    expect(await t.deps.db.auditLog.count({ where: { targetId: `email:${failedId}` } })).toBe(0);
  });
});

describe('jobs console without queue access', () => {
  it('answers 503 when the app was built without queues (AppDeps.queues is optional)', async () => {
    const t = await app();
    const a = await admin(t);
    const queues = t.deps.queues;
    t.deps.queues = undefined;
    try {
      const res = await get(t, '/v1/admin/queues', a.auth);
      expect(res.statusCode).toBe(503);
      expect(res.json().code).toBe('service_unavailable');
    } finally {
      t.deps.queues = queues;
    }
  });
});
