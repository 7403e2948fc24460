import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useTestApps } from '../app.test-support';

const app = useTestApps();

describe('CORS', () => {
  it('sends no CORS headers by default', async () => {
    const t = await app();
    const res = await t.app.inject({ url: '/v1/meta', headers: { origin: 'https://evil.example' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows exactly the configured origins', async () => {
    const t = await app({ CORS_ORIGINS: 'https://app.example, https://admin.example' });
    const ok = await t.app.inject({ url: '/v1/meta', headers: { origin: 'https://admin.example' } });
    expect(ok.headers['access-control-allow-origin']).toBe('https://admin.example');
    expect(ok.headers['access-control-allow-credentials']).toBe('true');
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/meta',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example');
    const denied = await t.app.inject({ url: '/v1/meta', headers: { origin: 'https://app.example.evil' } });
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('transport', () => {
  it('compresses large responses for clients that accept gzip', async () => {
    const t = await app();
    const res = await t.app.inject({ url: '/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(res.rawPayload).toString()).openapi).toBe('3.1.0');
    const plain = await t.app.inject({ url: '/openapi.json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('sets security headers on API responses', async () => {
    const t = await app();
    const res = await t.app.inject({ url: '/v1/meta' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
