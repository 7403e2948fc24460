import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUrl, guardedAgent, guardPolicy, UrlRefusedError } from './guard';

/** A real receiver on loopback: what a forbidden target looks like from the outside. */
let server: Server;
let port: number;
const received: IncomingMessage[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push(req);
    if (req.url === '/redirect') {
      res.writeHead(307, { location: `http://127.0.0.1:${port}/landed` }).end();
      return;
    }
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const refusedBy = async (url: string, agent: ReturnType<typeof guardedAgent>) => {
  const error = await request(url, { method: 'POST', dispatcher: agent, body: '{}' }).then(
    () => null,
    (e: unknown) => e,
  );
  // undici wraps connector errors: the guard's refusal is the error itself or its cause.
  const refusal = error instanceof UrlRefusedError ? error : (error as { cause?: unknown })?.cause;
  return refusal instanceof UrlRefusedError ? refusal : error;
};

describe('guardedAgent', () => {
  it('never connects to loopback, by address or by a name that resolves there', async () => {
    const agent = guardedAgent(guardPolicy({ allowHttp: true }), { connectTimeoutMs: 2_000 });
    const before = received.length;
    for (const url of [
      `http://127.0.0.1:${port}/in`,
      `http://localhost:${port}/in`,
      `http://[::1]:${port}/in`,
    ]) {
      const refusal = await refusedBy(url, agent);
      expect(refusal, url).toBeInstanceOf(UrlRefusedError);
      expect((refusal as UrlRefusedError).reason).toBe('address_not_allowed');
    }
    expect(received.length).toBe(before);
    await agent.close();
  });

  it('connects when configuration allows the subnet, and does not follow redirects', async () => {
    const agent = guardedAgent(guardPolicy({ allowHttp: true, allowCidrs: ['127.0.0.0/8'] }), {
      connectTimeoutMs: 2_000,
    });
    const ok = await request(`http://localhost:${port}/in`, {
      method: 'POST',
      dispatcher: agent,
      body: '{}',
    });
    expect(ok.statusCode).toBe(204);
    await ok.body.dump();
    const before = received.length;
    const redirect = await request(`http://127.0.0.1:${port}/redirect`, {
      method: 'POST',
      dispatcher: agent,
      body: '{}',
    });
    expect(redirect.statusCode).toBe(307);
    await redirect.body.dump();
    expect(received.slice(before).map((r) => r.url)).toEqual(['/redirect']);
    await agent.close();
  });

  it('connects to the address it judged, resolving once per connection', async () => {
    // `receiver.test` exists only in this resolver: had undici looked the name up again itself,
    // the system resolver would have failed.
    const lookups: string[] = [];
    const resolve = async (host: string) => {
      lookups.push(host);
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const agent = guardedAgent(guardPolicy({ allowHttp: true, allowCidrs: ['127.0.0.1/32'] }), {
      connectTimeoutMs: 2_000,
      resolve,
    });
    const res = await request(`http://receiver.test:${port}/in`, {
      method: 'POST',
      dispatcher: agent,
      body: '{}',
    });
    expect(res.statusCode).toBe(204);
    await res.body.dump();
    expect(received.at(-1)?.headers.host).toBe(`receiver.test:${port}`);
    expect(lookups).toEqual(['receiver.test']);
    await agent.close();
  });

  it('re-judges at delivery: a name that turned private after registration is refused', async () => {
    let calls = 0;
    const rebinding = async () => {
      calls += 1;
      return [{ address: calls === 1 ? '93.184.215.14' : '127.0.0.1', family: 4 }];
    };
    const policy = guardPolicy({ allowHttp: true });
    await expect(checkUrl(`http://rebind.test:${port}/in`, policy, rebinding)).resolves.toBeInstanceOf(URL);
    const agent = guardedAgent(policy, { connectTimeoutMs: 2_000, resolve: rebinding });
    const before = received.length;
    const refusal = await refusedBy(`http://rebind.test:${port}/in`, agent);
    expect((refusal as UrlRefusedError).reason).toBe('address_not_allowed');
    expect(received.length).toBe(before);
    await agent.close();
  });
});
