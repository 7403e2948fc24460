import { randomUUID } from 'node:crypto';
import { recordJobOutcome } from '@repo/queue';
import { uniqueEmail } from '@repo/testing';
import type { TestApp } from '../../app.test-support';

/**
 * Test-only fixtures for the admin overview (imported by *.int.test.ts only). Rows are written
 * at explicit timestamps in a past year that no other test writes to, and the app's clock is set
 * there, so counts see only what the test seeded.
 */

export const at = (iso: string) => new Date(iso);

export function freezeClock(t: TestApp, iso: string) {
  const now = at(iso);
  t.deps.clock = { now: () => now };
}

export async function seedUsers(t: TestApp, times: string[]): Promise<string[]> {
  const ids = times.map(() => randomUUID());
  await t.deps.db.user.createMany({
    data: times.map((time, i) => ({
      id: ids[i] as string,
      email: uniqueEmail('overview'),
      name: 'Seeded User',
      createdAt: at(time),
    })),
  });
  return ids;
}

export async function seedSessions(t: TestApp, userId: string, times: string[]) {
  await t.deps.db.session.createMany({
    data: times.map((time) => ({
      userId,
      amr: ['pwd'],
      authTime: at(time),
      lastUsedAt: at(time),
      idleExpiresAt: at(time),
      expiresAt: at(time),
      createdAt: at(time),
    })),
  });
}

export async function seedAudit(t: TestApp, action: string, times: string[]) {
  await t.deps.db.auditLog.createMany({
    data: times.map((time) => ({ id: randomUUID(), action, createdAt: at(time) })),
  });
}

/** Webhook deliveries that finished (last attempt) at `times`, on an endpoint of their own. */
export async function seedDeliveries(t: TestApp, status: 'succeeded' | 'failed', times: string[]) {
  const endpoint = await t.deps.db.webhookEndpoint.create({
    data: {
      organizationId: randomUUID(),
      url: 'https://93.184.215.14/x',
      eventTypes: ['*'],
      secretCiphertext: 'x',
    },
  });
  for (const time of times) {
    const message = await t.deps.db.webhookMessage.create({
      data: {
        id: randomUUID(),
        organizationId: endpoint.organizationId,
        eventType: 'member.added',
        body: '{}',
      },
    });
    await t.deps.db.webhookDelivery.create({
      data: {
        messageId: message.id,
        endpointId: endpoint.id,
        status,
        attemptCount: 1,
        lastAttemptAt: at(time),
      },
    });
  }
}

/** `days` as YYYY-MM-DD. */
export async function seedActivity(t: TestApp, userId: string, days: string[]) {
  await t.deps.db.userActivityDay.createMany({
    data: days.map((day) => ({ userId, day: at(`${day}T00:00:00Z`) })),
  });
}

export async function seedJobs(
  t: TestApp,
  outcome: 'completed' | 'failed',
  times: string[],
  queue = 'email',
) {
  for (const time of times)
    await recordJobOutcome(t.deps.redis, t.deps.env.REDIS_PREFIX, queue, outcome, at(time));
}
