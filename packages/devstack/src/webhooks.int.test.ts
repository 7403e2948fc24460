import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkUrl, generateSecret, guardPolicy, signatureHeaders, UrlRefusedError } from '@repo/webhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningService } from './types';
import { DEV_WEBHOOK_GUARD, type DeliveryView, startWebhookReceiver } from './webhooks';

const log = () => {};
let receiver: RunningService;

beforeAll(async () => {
  receiver = await startWebhookReceiver({ dir: undefined, port: 0, log });
});
afterAll(() => receiver?.stop());

async function deliveries(base = receiver.url): Promise<DeliveryView[]> {
  const res = await fetch(`${base}/api/deliveries`);
  expect(res.status).toBe(200);
  return (await res.json()) as DeliveryView[];
}

async function registerSecret(path: string, secret: string, base = receiver.url) {
  return fetch(`${base}/api/secrets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ path, secret }),
  });
}

/** A delivery exactly as the worker sends one, signed with `secret`. */
function post(path: string, secret: string, opts: { tamper?: boolean; base?: string } = {}) {
  const body = JSON.stringify({ id: crypto.randomUUID(), type: 'member.added', version: 1, data: {} });
  const headers = signatureHeaders([secret], {
    id: `msg_${crypto.randomUUID()}`,
    timestamp: Math.floor(Date.now() / 1000),
    body,
  });
  return fetch(`${opts.base ?? receiver.url}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Groundwork-Webhooks/1' },
    body: opts.tamper ? body.replace('member.added', 'member.removed') : body,
  });
}

describe('dev webhook receiver', () => {
  beforeEach(async () => {
    expect((await fetch(`${receiver.url}/api/deliveries`, { method: 'DELETE' })).status).toBe(204);
  });

  it('exposes its URL to the apps', () => {
    expect(receiver.env.WEBHOOK_RECEIVER_URL).toBe(receiver.url);
    expect(receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('reports a signed delivery as valid and a tampered one as invalid, newest first', async () => {
    const secret = generateSecret();
    expect((await registerSecret('/hooks/acme', secret)).status).toBe(204);

    const good = await post('/hooks/acme', secret);
    expect(good.status).toBe(204);
    const tampered = await post('/hooks/acme', secret, { tamper: true });
    expect(tampered.status).toBe(204);

    const [latest, first, ...rest] = await deliveries();
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      path: '/hooks/acme',
      eventType: 'member.added',
      signature: 'valid',
      status: 204,
    });
    expect(first?.webhookId).toMatch(/^msg_/);
    expect(first?.headers['user-agent']).toBe('Groundwork-Webhooks/1');
    expect(latest).toMatchObject({ eventType: 'member.removed', signature: 'invalid' });
  });

  it('shows "unknown" for a path without a secret, and judges it once one is registered', async () => {
    const secret = generateSecret();
    await post('/hooks/unregistered', secret);
    expect((await deliveries()).map((d) => d.signature)).toEqual(['unknown']);
    await registerSecret('/hooks/unregistered', secret);
    expect((await deliveries()).map((d) => d.signature)).toEqual(['valid']);
  });

  it('simulates failures with ?status= and still records the request', async () => {
    const res = await post('/hooks/failing?status=503', generateSecret());
    expect(res.status).toBe(503);
    expect((await deliveries()).map((d) => [d.path, d.status])).toEqual([['/hooks/failing', 503]]);
  });

  it('refuses bad secrets and non-POST hooks, and serves the inbox page', async () => {
    expect((await registerSecret('/hooks/acme', 'whsec_short')).status).toBe(400);
    expect((await registerSecret('/elsewhere', generateSecret())).status).toBe(400);
    expect((await fetch(`${receiver.url}/hooks/acme`)).status).toBe(405);
    const page = await fetch(`${receiver.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('Dev webhook receiver');
    expect((await fetch(`${receiver.url}/receiver.js`)).status).toBe(200);
  });

  it('keeps deliveries and secrets across a restart in dev (data dir)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'receiver-'));
    try {
      const secret = generateSecret();
      const first = await startWebhookReceiver({ dir, port: 0, log });
      try {
        await registerSecret('/hooks/acme', secret, first.url);
        await post('/hooks/acme', secret, { base: first.url });
      } finally {
        await first.stop();
      }
      const second = await startWebhookReceiver({ dir, port: 0, log });
      try {
        expect((await deliveries(second.url)).map((d) => d.signature)).toEqual(['valid']);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the outbound guard and the receiver URL', () => {
  /** How the apps' config reads the two variables (packages/config webhooksEnv). */
  const devPolicy = guardPolicy({
    allowHttp: DEV_WEBHOOK_GUARD.WEBHOOK_ALLOW_HTTP === 'true',
    allowCidrs: DEV_WEBHOOK_GUARD.WEBHOOK_ALLOWED_CIDRS.split(','),
  });

  it('refuses the receiver with the default configuration', async () => {
    const url = `${receiver.url}/hooks/acme`;
    await expect(checkUrl(url, guardPolicy({}))).rejects.toMatchObject({ reason: 'scheme_not_allowed' });
    // Even over https, loopback stays refused without the dev stack's allow-list.
    const https = url.replace('http:', 'https:');
    const refusal = await checkUrl(https, guardPolicy({ allowHttp: true })).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(UrlRefusedError);
    expect(refusal).toMatchObject({ reason: 'address_not_allowed' });
  });

  it('accepts it with the dev stack configuration, and only loopback 127.0.0.1', async () => {
    const url = `${receiver.url}/hooks/acme`;
    expect((await checkUrl(url, devPolicy)).href).toBe(url);
    await expect(checkUrl('http://10.0.0.1/hooks', devPolicy)).rejects.toMatchObject({
      reason: 'address_not_allowed',
    });
    await expect(checkUrl('http://169.254.169.254/latest', devPolicy)).rejects.toMatchObject({
      reason: 'address_not_allowed',
    });
  });
});
