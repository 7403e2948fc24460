import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { createOrgUser, type WorldUser } from '../orgs/orgs.test-support';

/**
 * The `outbox` queue's card tells what the relay does: its BullMQ counts stay at zero (the relay
 * enqueues straight into the target queues), so the card carries the `outbox_events` figures.
 */
let t: TestApp;
let admin: WorldUser;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await createOrgUser(t, { prefix: 'outbox-admin', name: 'Ada Admin', globalRole: 'admin' });
});
afterAll(() => t?.close());

type Status = {
  pending: number;
  retrying: number;
  oldestPendingAt: string | null;
  dispatchedLastHour: number;
  lastDispatchedAt: string | null;
};
async function queues() {
  const res = await t.app.inject({ url: '/v1/admin/queues', headers: { authorization: admin.auth } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { name: string; counts: { waiting: number }; outbox?: Status }[];
}
const outbox = async () => (await queues()).find((q) => q.name === 'outbox')?.outbox as Status;

const event = (data: { dispatchedAt?: Date; attempts?: number; lastError?: string; createdAt?: Date }) =>
  t.deps.db.outboxEvent.create({
    data: {
      type: 'waitlist.joined',
      payload: { entryId: 'e2e', email: 'x@example.com', locale: 'en' },
      ...data,
    },
  });

describe('GET /v1/admin/queues: the outbox card', () => {
  it('counts pending, retrying and recently relayed events from the events table', async () => {
    const before = await outbox();
    const now = Date.now();
    const old = new Date(now - 10 * 60_000);
    await event({ createdAt: old });
    await event({ attempts: 2, lastError: 'redis unavailable' });
    const dispatched = new Date(now - 5_000);
    for (let i = 0; i < 3; i++) await event({ dispatchedAt: dispatched });
    await event({ dispatchedAt: new Date(now - 2 * 3_600_000) });

    const after = await outbox();
    expect(after.pending - before.pending).toBe(2);
    expect(after.retrying - before.retrying).toBe(1);
    expect(after.dispatchedLastHour - before.dispatchedLastHour).toBe(3);
    expect(Date.parse(after.oldestPendingAt ?? '')).toBeLessThanOrEqual(old.getTime());
    expect(Date.parse(after.lastDispatchedAt ?? '')).toBeGreaterThanOrEqual(dispatched.getTime());
  });

  it('is only on the outbox queue', async () => {
    const all = await queues();
    expect(all.filter((q) => q.outbox !== undefined).map((q) => q.name)).toEqual(['outbox']);
  });
});
