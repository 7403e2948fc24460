import { randomInt } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { baseURL } from './support/env';
import { createVerifiedUser, uniqueEmail } from './support/identity';

// The web app's front door and /api proxy, probed as an outside client would: straight over
// HTTP from Node, from loopback addresses other than the test runner's own 127.0.0.1 (which
// the e2e stack trusts as its load balancer), so each one is an ordinary browser to the stack.

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A client address of its own for this run: 127.0.0.0/8 is all this machine's loopback. */
function loopbackClient(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

function send(
  from: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; agent?: Agent } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      new URL(path, baseURL),
      { method, localAddress: from, headers: options.headers, agent: options.agent ?? false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const json = { 'content-type': 'application/json', origin: baseURL };

test.describe('client address', () => {
  test('each browser has its own budget, and a forged X-Forwarded-For changes nothing', async () => {
    const [noisy, quiet] = [loopbackClient(), loopbackClient()];
    const forgot = (from: string, forged: string) =>
      send(from, 'POST', '/api/v1/auth/password/forgot', {
        headers: { ...json, 'x-forwarded-for': forged },
        body: JSON.stringify({ email: uniqueEmail('budget') }),
      });
    // 30 password-reset requests per address per quarter hour (ADR 0010). Every one names a new
    // forged address: were the header believed, no budget would ever run out.
    for (let i = 0; i < 30; i += 1) expect((await forgot(noisy, `198.51.100.${i + 1}`)).status).toBe(202);
    const refused = await forgot(noisy, '198.51.100.200');
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'rate_limited' });
    // Another browser behind the same web app is untouched, whatever address it claims.
    expect((await forgot(quiet, noisy)).status).toBe(202);
  });

  test("the sessions list shows the browser's own address", async ({ request }) => {
    const user = await createVerifiedUser(request, 'client-address');
    const from = loopbackClient();
    const signIn = await send(from, 'POST', '/api/v1/auth/sign-in', {
      headers: { ...json, 'x-forwarded-for': '203.0.113.9', 'x-real-ip': '203.0.113.10' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(signIn.status).toBe(200);
    const setCookies = ([] as string[]).concat(signIn.headers['set-cookie'] ?? []);
    const cookie = setCookies.map((line) => line.split(';')[0]).join('; ');
    const sessions = await send(from, 'GET', '/api/v1/me/sessions', { headers: { cookie } });
    expect(sessions.status).toBe(200);
    const current = (
      JSON.parse(sessions.body) as { sessions: { ip: string; current: boolean }[] }
    ).sessions.find((s) => s.current);
    expect(current?.ip).toBe(from);
  });
});

test.describe('what the web app serves', () => {
  test('probes and metrics stay inside: the proxy forwards only the public API', async () => {
    const from = loopbackClient();
    for (const path of ['/api/metrics', '/api/readyz', '/api/healthz']) {
      const res = await send(from, 'GET', path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toMatch(/process_cpu|latencyMs|http_requests_total/);
    }
    for (const path of ['/api/v1/meta', '/api/openapi.json'])
      expect((await send(from, 'GET', path)).status).toBe(200);
  });

  test('methods it does not serve get 405, never a 500', async () => {
    const from = loopbackClient();
    const probes: [string, string][] = [
      ['TRACE', '/en'],
      ['TRACE', '/api/v1/meta'],
      ['PROPFIND', '/en'],
      ['PUT', '/en'],
      ['DELETE', '/en/dashboard'],
    ];
    for (const [method, path] of probes) {
      expect((await send(from, method, path)).status, `${method} ${path}`).toBe(405);
    }
  });

  test("an oversized body gets the API's 413, not 503", async () => {
    const body = Buffer.alloc(3 * 1024 * 1024, 'a');
    const res = await send(loopbackClient(), 'POST', '/api/v1/auth/sign-in', { headers: json, body });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'payload_too_large' });
  });
});

test('kept-alive connections survive idle gaps and bursts with zero resets', async () => {
  test.setTimeout(90_000);
  // Like Playwright's own request client and most load balancers: keep-alive, and no idle timer
  // of its own. The client is made slow to notice a close (its event loop blocked across the
  // moment), as a busy test runner or balancer is: a server that closes idle connections
  // before its clients do then resets the next request (`socket hang up`).
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const from = loopbackClient();
  const errors: string[] = [];
  let ok = 0;
  const get = async () => {
    try {
      const res = await send(from, 'GET', '/api/v1/meta', { agent });
      if (res.status === 200) ok += 1;
      else errors.push(`status ${res.status}`);
    } catch (error) {
      errors.push(String(error));
    }
  };
  const busy = (ms: number) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      // Blocks the event loop: a FIN arriving now is not seen before the next request is sent.
    }
  };
  for (const idleMs of [5_800, 6_500, 7_500]) {
    await Promise.all(Array.from({ length: 8 }, get));
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    busy(400);
    await Promise.all(Array.from({ length: 8 }, get));
    for (let i = 0; i < 10; i += 1) await get();
  }
  agent.destroy();
  expect(errors).toEqual([]);
  expect(ok).toBe(3 * (8 + 8 + 10));
});
