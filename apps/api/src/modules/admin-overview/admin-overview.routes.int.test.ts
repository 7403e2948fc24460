import { randomUUID } from 'node:crypto';
import { Prisma } from '@repo/db';
import { jobStatsKey } from '@repo/queue';
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApps } from '../../app.test-support';
import { createKey, createOrg, createOrgUser } from '../orgs/orgs.test-support';
import {
  freezeClock,
  seedActivity,
  seedAudit,
  seedDeliveries,
  seedJobs,
  seedSessions,
  seedUsers,
} from './admin-overview.test-support';
import { periodFor } from './periods';
import { activeSeriesSql, activeTotalsSql, countSql } from './queries';

// A fresh Redis prefix per app: job counters only ever see this test's.
const app = useTestApps(() => ({ REDIS_PREFIX: `ov${randomUUID().slice(0, 8)}` }));

const get = (t: TestApp, url: string, auth?: string) =>
  t.app.inject({ url, headers: auth ? { authorization: auth } : {} });

async function admin(t: TestApp) {
  return createOrgUser(t, { prefix: 'overview-admin', name: 'Ada Admin', globalRole: 'admin' });
}

const column = (body: { series: Record<string, unknown>[] }, key: string) => body.series.map((b) => b[key]);

describe('GET /v1/admin/overview (daily ranges)', () => {
  it('counts each metric per UTC day, zeros included, against the previous equal period', async () => {
    const t = await app();
    const a = await admin(t);
    // 7d at 2019-03-20 15:30 UTC: current = 03-14 … 03-20, previous = 03-07 … 03-13.
    freezeClock(t, '2019-03-20T15:30:00Z');
    const users = await seedUsers(t, [
      '2019-03-14T00:00:00.000Z', // first bucket, on its boundary
      '2019-03-20T15:29:00.000Z',
      '2019-03-20T23:59:59.999Z', // later today: still today's bucket
      '2019-03-13T23:59:59.999Z', // previous period
      '2019-03-07T00:00:00.000Z', // previous period, first instant
      '2019-03-06T23:59:59.999Z', // before both periods
      '2019-03-21T00:00:00.000Z', // after the range
    ]);
    const [u0, u1, , u3] = users as [string, string, string, string];
    await seedSessions(t, u0, ['2019-03-15T10:00:00Z', '2019-03-15T11:00:00Z', '2019-03-10T00:00:00Z']);
    await seedAudit(t, 'auth.sign_in_failed', [
      '2019-03-19T08:00:00Z',
      '2019-03-19T09:00:00Z',
      '2019-03-08T08:00:00Z',
    ]);
    await seedAudit(t, 'auth.sign_in', ['2019-03-19T08:00:00Z']); // not a failure
    await seedActivity(t, u0, ['2019-03-14', '2019-03-20', '2019-03-10']);
    await seedActivity(t, u1, ['2019-03-20']);
    await seedActivity(t, u3, ['2019-03-13']);
    await seedJobs(t, 'completed', [
      '2019-03-20T01:00:00Z',
      '2019-03-20T02:00:00Z',
      '2019-03-20T03:00:00Z',
      '2019-03-14T05:00:00Z',
    ]);
    await seedJobs(t, 'failed', ['2019-03-12T00:00:00Z'], 'outbox');
    await seedDeliveries(t, 'succeeded', [
      '2019-03-18T10:00:00Z',
      '2019-03-18T11:00:00Z',
      '2019-03-09T00:00:00Z',
    ]);
    await seedDeliveries(t, 'failed', ['2019-03-20T00:30:00Z']);

    const res = await get(t, '/v1/admin/overview?range=7d', a.auth);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      range: '7d',
      granularity: 'day',
      from: '2019-03-14T00:00:00.000Z',
      to: '2019-03-21T00:00:00.000Z',
      previousFrom: '2019-03-07T00:00:00.000Z',
    });
    expect(body.series.map((b: { bucketStart: string }) => b.bucketStart.slice(0, 10))).toEqual([
      '2019-03-14',
      '2019-03-15',
      '2019-03-16',
      '2019-03-17',
      '2019-03-18',
      '2019-03-19',
      '2019-03-20',
    ]);
    expect(column(body, 'signUps')).toEqual([1, 0, 0, 0, 0, 0, 2]);
    expect(column(body, 'sessionsCreated')).toEqual([0, 2, 0, 0, 0, 0, 0]);
    expect(column(body, 'failedSignIns')).toEqual([0, 0, 0, 0, 0, 2, 0]);
    expect(column(body, 'activeUsers')).toEqual([1, 0, 0, 0, 0, 0, 2]);
    expect(column(body, 'jobsCompleted')).toEqual([1, 0, 0, 0, 0, 0, 3]);
    expect(column(body, 'jobsFailed')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(column(body, 'webhooksDelivered')).toEqual([0, 0, 0, 0, 2, 0, 0]);
    expect(column(body, 'webhooksFailed')).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(body.kpis).toEqual({
      signUps: { current: 3, previous: 2 },
      // u0 was active on two days of the range but counts once.
      activeUsers: { current: 2, previous: 2 },
      sessionsCreated: { current: 2, previous: 1 },
      failedSignIns: { current: 2, previous: 1 },
      jobsCompleted: { current: 4, previous: 0 },
      jobsFailed: { current: 0, previous: 1 },
      webhooksDelivered: { current: 2, previous: 1 },
      webhooksFailed: { current: 1, previous: 0 },
    });

    // Without a range: 7 days.
    const byDefault = (await get(t, '/v1/admin/overview', a.auth)).json();
    expect(byDefault).toMatchObject({ range: '7d', kpis: body.kpis });

    // 90 days reach back to 2018-12-21: everything above is in the current period.
    const wide = (await get(t, '/v1/admin/overview?range=90d', a.auth)).json();
    expect(wide.series).toHaveLength(90);
    expect(wide.kpis.signUps).toEqual({ current: 6, previous: 0 });
    expect(wide.kpis.activeUsers).toEqual({ current: 3, previous: 0 });
  });

  it('answers with job figures unknown (null) when the job counters cannot be read', async () => {
    const t = await app();
    const a = await admin(t);
    freezeClock(t, '2019-06-10T12:00:00Z');
    // A value of the wrong type makes Redis refuse the read (WRONGTYPE), like an outage would.
    await t.deps.redis.set(
      jobStatsKey(t.deps.env.REDIS_PREFIX, 'day', new Date('2019-06-09T00:00:00Z')),
      'x',
    );
    const res = await get(t, '/v1/admin/overview?range=7d', a.auth);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.kpis).toMatchObject({ jobsCompleted: null, jobsFailed: null, signUps: { current: 0 } });
    expect(new Set(column(body, 'jobsCompleted'))).toEqual(new Set([null]));
  });
});

describe('GET /v1/admin/overview?range=24h', () => {
  it('has 24 hourly buckets ending with the current hour; active users are per UTC day', async () => {
    const t = await app();
    const a = await admin(t);
    freezeClock(t, '2018-05-10T08:20:00Z');
    const [u0, u1] = (await seedUsers(t, [
      '2018-05-09T09:00:00.000Z', // first hourly bucket
      '2018-05-10T08:59:59.999Z', // current hour
      '2018-05-09T08:59:59.999Z', // previous period's last hour
      '2018-05-08T08:59:59.999Z', // before both
    ])) as [string, string];
    await seedSessions(t, u0, ['2018-05-10T07:30:00Z']);
    await seedActivity(t, u0, ['2018-05-10', '2018-05-09']);
    await seedActivity(t, u1, ['2018-05-09']);
    await seedJobs(t, 'completed', ['2018-05-10T08:05:00Z']);
    await seedJobs(t, 'failed', ['2018-05-08T10:00:00Z']);

    const res = await get(t, '/v1/admin/overview?range=24h', a.auth);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      granularity: 'hour',
      from: '2018-05-09T09:00:00.000Z',
      to: '2018-05-10T09:00:00.000Z',
      previousFrom: '2018-05-08T09:00:00.000Z',
    });
    expect(body.series).toHaveLength(24);
    expect(body.series[23].bucketStart).toBe('2018-05-10T08:00:00.000Z');
    const signUps = column(body, 'signUps');
    expect([signUps[0], signUps[23], signUps.reduce((x: number, y) => x + (y as number), 0)]).toEqual([
      1, 1, 2,
    ]);
    expect(column(body, 'sessionsCreated')[22]).toBe(1);
    expect(new Set(column(body, 'activeUsers'))).toEqual(new Set([null]));
    expect(column(body, 'jobsCompleted')[23]).toBe(1);
    expect(body.kpis).toEqual({
      signUps: { current: 2, previous: 1 },
      // Today (UTC) against yesterday.
      activeUsers: { current: 1, previous: 2 },
      sessionsCreated: { current: 1, previous: 0 },
      failedSignIns: { current: 0, previous: 0 },
      jobsCompleted: { current: 1, previous: 0 },
      jobsFailed: { current: 0, previous: 1 },
      webhooksDelivered: { current: 0, previous: 0 },
      webhooksFailed: { current: 0, previous: 0 },
    });
  });
});

describe('GET /v1/admin/overview: input and access', () => {
  it('refuses a bad range with 400 problem+json', async () => {
    const t = await app();
    const a = await admin(t);
    for (const query of ['range=1y', 'range=', 'range=7D', 'range=7d&extra=1', 'range=7d&range=30d']) {
      const res = await get(t, `/v1/admin/overview?${query}`, a.auth);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type'], query).toContain('application/problem+json');
      expect(res.json(), query).toMatchObject({ code: 'validation_failed', status: 400 });
    }
  });

  it('is for global admins only: users and API keys get 403, anonymous callers 401', async () => {
    const t = await app();
    const user = await createOrgUser(t, { prefix: 'overview-user' });
    const org = await createOrg(t);
    const key = await createKey(t, org.id, ['organization:read', 'organization:write']);
    for (const auth of [user.auth, key.auth]) {
      const res = await get(t, '/v1/admin/overview', auth);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('forbidden');
    }
    expect((await get(t, '/v1/admin/overview')).statusCode).toBe(401);
  });
});

describe('overview queries', () => {
  it('read through indexes, never a sequential scan', async () => {
    const t = await app();
    const plans: Record<string, string> = {};
    for (const range of ['24h', '90d'] as const) {
      const period = periodFor(range, new Date());
      const queries = {
        signUps: countSql('signUps', period),
        sessionsCreated: countSql('sessionsCreated', period),
        failedSignIns: countSql('failedSignIns', period),
        activeSeries: activeSeriesSql(period),
        activeTotals: activeTotalsSql(period),
      };
      for (const [name, sql] of Object.entries(queries)) {
        const rows = await t.deps.db.$transaction(async (tx) => {
          // Tiny test tables would be scanned anyway; this asks whether an index *can* serve it.
          await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
          return tx.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN ${sql}`);
        });
        plans[`${range} ${name}`] = rows.map((r) => r['QUERY PLAN']).join('\n');
      }
    }
    for (const [name, plan] of Object.entries(plans)) {
      expect(plan, name).not.toMatch(/Seq Scan/);
    }
    expect(plans['90d signUps']).toContain('users_created_at_idx');
    expect(plans['90d sessionsCreated']).toContain('sessions_created_at_idx');
    // (action, created_at) or created_at alone: the planner picks by table statistics.
    expect(plans['90d failedSignIns']).toMatch(/audit_logs_(action_)?created_at_idx/);
    expect(plans['90d activeSeries']).toContain('user_activity_days_day_idx');
    expect(plans['90d activeTotals']).toContain('user_activity_days_day_idx');
  });
});
