import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApps } from '../app.test-support';

// A fresh prefix per app: counters from other tests (or a previous run) never interfere.
const app = useTestApps(() => ({ RATE_LIMIT_MAX: '3', REDIS_PREFIX: `rl${randomUUID().slice(0, 8)}` }));

describe('rate limiting', () => {
  it('sends RateLimit-* headers and answers 429 problem+json with Retry-After past the limit', async () => {
    const t = await app();
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ url: '/v1/meta' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe('3');
      remaining.push(String(res.headers['ratelimit-remaining']));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await t.app.inject({ url: '/v1/meta' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({
      code: 'rate_limited',
      status: 429,
      requestId: limited.headers['x-request-id'],
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('shares counters between app instances through Redis', async () => {
    const prefix = `rl${randomUUID().slice(0, 8)}`;
    const a = await app({ REDIS_PREFIX: prefix });
    const b = await app({ REDIS_PREFIX: prefix });
    for (let i = 0; i < 3; i++) expect((await a.app.inject({ url: '/v1/meta' })).statusCode).toBe(200);
    expect((await b.app.inject({ url: '/v1/meta' })).statusCode).toBe(429);
    const keys = await a.deps.redis.keys(`${prefix}:rl:*`);
    expect(keys.length).toBeGreaterThan(0);
  });

  it('still limits (locally) when Redis is unreachable: never fails open', async () => {
    const t = await app({ REDIS_URL: 'redis://127.0.0.1:1' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.app.inject({ url: '/v1/meta' })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('does not limit health probes', async () => {
    const t = await app();
    for (let i = 0; i < 6; i++) {
      const res = await t.app.inject({ url: '/healthz' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
  });

  it('ignores a spoofed X-Forwarded-For unless the proxy is trusted', async () => {
    const untrusted = await app();
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push(
        (await untrusted.app.inject({ url: '/v1/meta', headers: { 'x-forwarded-for': `203.0.113.${i}` } }))
          .statusCode,
      );
    }
    expect(codes.at(-1)).toBe(429);

    const trusted = await app({ TRUST_PROXY: 'true' });
    for (let i = 0; i < 4; i++) {
      const res = await trusted.app.inject({
        url: '/v1/meta',
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
      expect(res.statusCode).toBe(200);
    }
  });

  it('lets a route override the global limit', async () => {
    const t = await app(
      { RATE_LIMIT_MAX: '100' },
      {
        routes: (a) =>
          a.get('/strict', { config: { rateLimit: { max: 1, timeWindow: 60_000 } } }, async () => 'ok'),
      },
    );
    expect((await t.app.inject({ url: '/test/strict' })).statusCode).toBe(200);
    const second = await t.app.inject({ url: '/test/strict' });
    expect(second.statusCode).toBe(429);
    expect(second.headers['ratelimit-limit']).toBe('1');
  });

  it('counts refused callers too: the limiter runs before the access guard', async () => {
    const t = await app();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const headers = i % 2 ? { authorization: 'Bearer not.a.jwt' } : {};
      statuses.push((await t.app.inject({ url: '/v1/me', headers })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // The same address is now limited on public routes as well: one budget per address.
    expect((await t.app.inject({ url: '/v1/meta' })).statusCode).toBe(429);
  });
});
