import { ReadinessResponse } from '@repo/contracts';
import { describe, expect, it } from 'vitest';
import { useTestApps } from '../app.test-support';

const app = useTestApps();

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

describe('health', () => {
  it('/healthz answers without touching dependencies', async () => {
    const t = await app({
      DATABASE_URL: 'postgres://u:p@127.0.0.1:1/none',
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz is 200 when PostgreSQL, Redis and S3 answer', async () => {
    const t = await app();
    const res = await t.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    const body = ReadinessResponse.parse(res.json());
    expect(body.status).toBe('ok');
    expect(Object.keys(body.checks).sort()).toEqual(['postgres', 'redis', 's3']);
    for (const check of Object.values(body.checks)) expect(check.status).toBe('ok');
  });

  it('/readyz is 503 naming the failed dependency when S3 is down', async () => {
    const t = await app({ S3_ENDPOINT: 'http://127.0.0.1:1' });
    const res = await t.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    const body = ReadinessResponse.parse(res.json());
    expect(body.status).toBe('fail');
    expect(body.checks.s3?.status).toBe('fail');
    expect(body.checks.postgres?.status).toBe('ok');
    expect(res.body).not.toContain('127.0.0.1');
  });

  it('/readyz is 503 when PostgreSQL and Redis are down', async () => {
    const t = await app({
      DATABASE_URL: 'postgres://u:p@127.0.0.1:1/none',
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    const res = await t.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    const body = ReadinessResponse.parse(res.json());
    expect(body.checks.postgres?.status).toBe('fail');
    expect(body.checks.redis?.status).toBe('fail');
    expect(body.checks.s3?.status).toBe('ok');
  });

  it('/metrics exposes request counts by route pattern to the bearer of METRICS_TOKEN', async () => {
    const t = await app({ METRICS_TOKEN: METRICS_TOKEN });
    await t.app.inject({ url: '/v1/meta' });
    await t.app.inject({ url: '/no/such/thing' });
    const res = await t.app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/http_requests_total\{[^}]*route="\/v1\/meta"[^}]*status="200"[^}]*\} 1/);
    expect(res.body).toMatch(/route="unmatched"/);
    expect(res.body).not.toContain('/no/such/thing');
  });

  it('/metrics refuses anyone without the token, and does not exist without one configured', async () => {
    const t = await app({ METRICS_TOKEN: METRICS_TOKEN });
    for (const authorization of [
      undefined,
      'Bearer wrong-token-wrong-token',
      `Basic ${METRICS_TOKEN}`,
      METRICS_TOKEN,
    ]) {
      const res = await t.app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
      expect(res.statusCode, String(authorization)).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe('unauthorized');
      expect(res.body).not.toContain('http_requests_total');
    }
    const off = await app();
    expect((await off.app.inject({ url: '/metrics' })).statusCode).toBe(404);
  });
});
