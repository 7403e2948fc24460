import { once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddress, setForwardedFor } from './client-address';
import { installFrontDoor } from './front-door';

// A real server behind the real front door, asked from several loopback addresses: the peer
// address is the one thing a header cannot fake, so it is tested on the wire.
let server: Server;
let port: number;
let handled = 0;
let trust = 'false';

beforeAll(async () => {
  installFrontDoor();
  server = createServer((req, res) => {
    handled += 1;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers.set(name, value);
    const outgoing = new Headers({ 'x-forwarded-for': 'left over', 'x-real-ip': '203.0.113.99' });
    setForwardedFor(outgoing, headers, trust);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ client: clientAddress(headers, trust), sent: Object.fromEntries(outgoing) }));
  });
  // Dual-stack, like `next start`: IPv4 peers arrive as ::ffff:a.b.c.d and must read as IPv4.
  server.listen(0);
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Answer = {
  status: number;
  body: string;
  json: () => { client: string | null; sent: Record<string, string> };
};

function ask(from: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, localAddress: from, headers, agent: false },
      (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, json: () => JSON.parse(body) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('client address behind the front door', () => {
  it('is the TCP peer, whatever X-Forwarded-For the client sends, when no proxy is trusted', async () => {
    trust = 'false';
    expect((await ask('127.0.0.2')).json().client).toBe('127.0.0.2');
    const forged = await ask('127.0.0.3', {
      'x-forwarded-for': '198.51.100.7',
      'x-groundwork-peer': 'x 10.0.0.1',
    });
    expect(forged.json().client).toBe('127.0.0.3');
    // The API is told exactly that, in a header overwritten rather than appended to.
    expect(forged.json().sent).toEqual({ 'x-forwarded-for': '127.0.0.3' });
  });

  it('is what a trusted proxy (a load balancer) says, and only a trusted one', async () => {
    trust = '127.0.0.1';
    expect((await ask('127.0.0.1', { 'x-forwarded-for': '198.51.100.7' })).json().client).toBe(
      '198.51.100.7',
    );
    // The client's own entry is left of the balancer's: it cannot push the real one out.
    expect((await ask('127.0.0.1', { 'x-forwarded-for': '10.9.9.9, 198.51.100.7' })).json().client).toBe(
      '198.51.100.7',
    );
    // Not the trusted hop: its header counts for nothing.
    expect((await ask('127.0.0.4', { 'x-forwarded-for': '198.51.100.7' })).json().client).toBe('127.0.0.4');
  });

  it('reads a hop count as Fastify does', async () => {
    trust = '1';
    expect((await ask('127.0.0.5', { 'x-forwarded-for': '10.9.9.9, 198.51.100.8' })).json().client).toBe(
      '198.51.100.8',
    );
  });

  it('is unknown (and nothing is forwarded) for headers the front door did not stamp', () => {
    const headers = new Headers({
      'x-forwarded-for': '198.51.100.7',
      'x-groundwork-peer': 'guess 198.51.100.8',
    });
    expect(clientAddress(headers, 'true')).toBeNull();
    const outgoing = new Headers({ 'x-forwarded-for': '198.51.100.7' });
    setForwardedFor(outgoing, headers, 'true');
    expect(outgoing.has('x-forwarded-for')).toBe(false);
  });
});

describe('front door methods', () => {
  it.each(['TRACE', 'PROPFIND', 'PURGE'])('answers %s with 405 before the app sees it', async (method) => {
    const before = handled;
    const res = await ask('127.0.0.1', {}, method);
    expect(res.status).toBe(405);
    expect(JSON.parse(res.body)).toMatchObject({ status: 405, code: 'method_not_allowed' });
    expect(handled).toBe(before);
  });

  it('lets the methods the app serves through', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      expect((await ask('127.0.0.1', {}, method)).status, method).toBe(200);
    }
  });
});
