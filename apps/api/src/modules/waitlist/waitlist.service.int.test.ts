import { OutboxEventPayloads } from '@repo/contracts';
import { createDb } from '@repo/db';
import { uniqueEmail } from '@repo/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { joinWaitlist } from './waitlist.service';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set: run in the integration project');
const db = createDb({ url, poolMax: 4 });
const clock = { now: () => new Date('2031-05-06T07:08:09.000Z') };
afterAll(() => db.$disconnect());

const eventsFor = (email: string) =>
  db.outboxEvent.findMany({
    where: { type: 'waitlist.joined', payload: { path: ['email'], equals: email } },
  });

describe('joinWaitlist', () => {
  it('stores the canonical address and a waitlist.joined event in one go', async () => {
    const email = uniqueEmail('svc');
    const result = await joinWaitlist({ db, clock }, { email: `  ${email.toUpperCase()} `, locale: 'ar' });

    expect(result.created).toBe(true);
    const entry = await db.waitlistEntry.findUniqueOrThrow({ where: { email } });
    expect(entry.locale).toBe('ar');
    expect(entry.createdAt).toEqual(clock.now());
    const [event, ...more] = await eventsFor(email);
    expect(more).toHaveLength(0);
    expect(result).toEqual({ created: true, entryId: entry.id, eventId: event?.id });
    expect(OutboxEventPayloads['waitlist.joined'].parse(event?.payload)).toEqual({
      entryId: entry.id,
      email,
      locale: 'ar',
    });
    expect(event?.availableAt).toEqual(clock.now());
    expect(event?.dispatchedAt).toBeNull();
  });

  it('ignores a duplicate (any case or spacing) and writes no second event', async () => {
    const email = uniqueEmail('dup');
    await joinWaitlist({ db, clock }, { email, locale: 'en' });
    const again = await joinWaitlist({ db, clock }, { email: ` ${email.toUpperCase()}`, locale: 'fr' });

    expect(again).toEqual({ created: false });
    expect(await db.waitlistEntry.count({ where: { email } })).toBe(1);
    expect((await db.waitlistEntry.findUniqueOrThrow({ where: { email } })).locale).toBe('en');
    expect(await eventsFor(email)).toHaveLength(1);
  });

  it('lets concurrent joins of one address all succeed with exactly one entry and event', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all(
      Array.from({ length: 4 }, () => joinWaitlist({ db, clock }, { email, locale: 'en' })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.waitlistEntry.count({ where: { email } })).toBe(1);
    expect(await eventsFor(email)).toHaveLength(1);
  });
});
