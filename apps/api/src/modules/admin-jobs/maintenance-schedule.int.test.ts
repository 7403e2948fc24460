import { randomUUID } from 'node:crypto';
import { startWorkerProcess, type WorkerProcess } from '@repo/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { createOrgUser } from '../orgs/orgs.test-support';

// The real worker process registers the purge schedule at start; the jobs console shows it.
const env = { REDIS_PREFIX: `ms${randomUUID().slice(0, 8)}`, MAINTENANCE_PURGE_CRON: '30 2 * * *' };
let t: TestApp;
let worker: WorkerProcess | undefined;
beforeAll(async () => {
  t = await buildTestApp(env);
  worker = await startWorkerProcess(env);
});
afterAll(async () => {
  await worker?.stop('SIGTERM');
  await t?.deps.queues?.get('maintenance').obliterate({ force: true });
  await t?.close();
});

it('GET /v1/admin/queues/maintenance/schedulers lists the users.purge and files housekeeping schedulers', async () => {
  const admin = await createOrgUser(t, { globalRole: 'admin' });
  const queues = await t.app.inject({
    method: 'GET',
    url: '/v1/admin/queues',
    headers: { authorization: admin.auth },
  });
  expect(queues.statusCode, queues.body).toBe(200);
  expect(JSON.stringify(queues.json())).toContain('"maintenance"');

  const res = await t.app.inject({
    method: 'GET',
    url: '/v1/admin/queues/maintenance/schedulers',
    headers: { authorization: admin.auth },
  });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  expect(body.items.map((s: { key: string }) => s.key).sort()).toEqual([
    'files.abort-stale',
    'files.purge-deleted',
    'files.reconcile-orphans',
    'users.purge',
  ]);
  expect(body.total).toBe(4);
  const purge = body.items.find((s: { key: string }) => s.key === 'users.purge');
  expect(purge).toMatchObject({
    key: 'users.purge',
    name: 'users.purge',
    pattern: '30 2 * * *',
    tz: 'UTC',
  });
  const next = new Date(purge.next);
  expect(next.getTime()).toBeGreaterThan(Date.now());
  expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([2, 30]);
});
