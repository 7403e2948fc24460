import { randomInt } from 'node:crypto';
import { uniqueEmail } from '@repo/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { WAITLIST_RATE_LIMIT } from './waitlist.routes';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ WAITLIST_ENABLED: 'true' });
});
afterAll(() => t?.close());

// Each test its own client address, so the per-IP rate limit of one test never affects another.
const ip = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const join = (payload: unknown, remoteAddress = ip()) =>
  t.app.inject({ method: 'POST', url: '/v1/waitlist', payload: payload as object, remoteAddress });

describe('POST /v1/waitlist', () => {
  it('answers 202 and stores the entry with its outbox event', async () => {
    const email = uniqueEmail('route');
    const res = await join({ email: email.toUpperCase(), locale: 'fr' });

    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'accepted' });
    const entry = await t.deps.db.waitlistEntry.findUniqueOrThrow({ where: { email } });
    expect(entry.locale).toBe('fr');
    const events = await t.deps.db.outboxEvent.findMany({
      where: { type: 'waitlist.joined', payload: { path: ['entryId'], equals: entry.id } },
    });
    expect(events).toHaveLength(1);
  });

  it('answers a duplicate exactly like a first join, without a second event', async () => {
    const email = uniqueEmail('route-dup');
    const first = await join({ email });
    const second = await join({ email });

    expect(second.statusCode).toBe(first.statusCode);
    expect(second.body).toBe(first.body);
    const events = await t.deps.db.outboxEvent.count({
      where: { type: 'waitlist.joined', payload: { path: ['email'], equals: email } },
    });
    expect(events).toBe(1);
  });

  it('defaults the locale to en', async () => {
    const email = uniqueEmail('route-en');
    expect((await join({ email })).statusCode).toBe(202);
    expect((await t.deps.db.waitlistEntry.findUniqueOrThrow({ where: { email } })).locale).toBe('en');
  });

  it.each([
    ['an invalid address', { email: 'not-an-email' }],
    ['an unknown locale', { email: 'a@example.test', locale: 'de' }],
    ['an unknown field', { email: 'a@example.test', admin: true }],
    ['a missing address', {}],
  ])('rejects %s with 400 problem+json', async (_, payload) => {
    const res = await join(payload);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it(`limits one client to ${WAITLIST_RATE_LIMIT.max} joins per window`, async () => {
    const client = ip();
    for (let i = 0; i < WAITLIST_RATE_LIMIT.max; i++) {
      expect((await join({ email: uniqueEmail('rl') }, client)).statusCode).toBe(202);
    }
    const limited = await join({ email: uniqueEmail('rl') }, client);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'rate_limited' });
    // Another client is unaffected.
    expect((await join({ email: uniqueEmail('rl') })).statusCode).toBe(202);
  });
});

describe('WAITLIST_ENABLED', () => {
  it('is announced on GET /v1/meta when on', async () => {
    const res = await t.app.inject({ url: '/v1/meta' });
    expect(res.json()).toMatchObject({ features: { waitlist: true } });
  });

  it('off (the default): GET /v1/meta says so and POST /v1/waitlist answers 404 problem+json, storing nothing', async () => {
    const off = await buildTestApp();
    try {
      expect((await off.app.inject({ url: '/v1/meta' })).json()).toMatchObject({
        features: { waitlist: false },
      });
      const email = uniqueEmail('closed');
      const res = await off.app.inject({
        method: 'POST',
        url: '/v1/waitlist',
        payload: { email },
        remoteAddress: ip(),
      });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'not_found' });
      expect(await off.deps.db.waitlistEntry.count({ where: { email } })).toBe(0);
    } finally {
      await off.close();
    }
  });
});
