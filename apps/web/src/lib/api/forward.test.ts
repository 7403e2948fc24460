import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardToApi, rewriteLocation } from './forward';

type Seen = { method?: string; url?: string; headers: IncomingMessage['headers']; body: string };
let server: Server;
let apiUrl: string;
let seen: Seen;

beforeAll(async () => {
  // A real HTTP server stands in for the API so the test sees exactly what goes over the wire.
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen = { method: req.method, url: req.url, headers: req.headers, body };
      res.setHeader('set-cookie', ['access=a; Path=/; HttpOnly', 'refresh=r; Path=/; HttpOnly']);
      if (req.url === '/reference') {
        res.writeHead(301, { location: '/reference/' });
        return res.end();
      }
      res.writeHead(req.url?.startsWith('/v1/missing') ? 404 : 201, {
        'content-type': 'application/json',
        connection: 'keep-alive',
      });
      res.end('{"ok":true}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const target = () => ({ apiUrl, trustProxy: 'false', bodyLimit: 1024 * 1024 });

describe('forwardToApi', () => {
  it('forwards method, path, query, cookies and body, and returns status and every cookie', async () => {
    const request = new Request('http://localhost:3000/api/v1/waitlist?ref=home', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'sid=abc', host: 'localhost:3000' },
      body: '{"email":"a@example.com"}',
    });
    const res = await forwardToApi(request, target());

    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/v1/waitlist?ref=home');
    expect(seen.headers.cookie).toBe('sid=abc');
    expect(seen.headers['content-type']).toBe('application/json');
    expect(seen.headers['x-forwarded-host']).toBe('localhost:3000');
    expect(seen.headers['x-forwarded-prefix']).toBe('/api');
    expect(seen.body).toBe('{"email":"a@example.com"}');
    expect(res.status).toBe(201);
    expect(res.headers.getSetCookie()).toEqual(['access=a; Path=/; HttpOnly', 'refresh=r; Path=/; HttpOnly']);
    expect(res.headers.get('connection')).toBeNull();
    expect(await res.json()).toEqual({ ok: true });
  });

  it('passes error statuses through untouched', async () => {
    const res = await forwardToApi(new Request('http://localhost:3000/api/v1/missing'), target());
    expect(seen.method).toBe('GET');
    expect(res.status).toBe(404);
  });

  it('keeps API redirects inside /api', async () => {
    const res = await forwardToApi(new Request('http://localhost:3000/api/reference'), target());
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/api/reference/');
  });

  it('answers problem+json 503 when the API is unreachable', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const res = await forwardToApi(new Request('http://localhost:3000/api/v1/meta'), {
      apiUrl: deadUrl,
      trustProxy: 'false',
      bodyLimit: 1024,
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 503, code: 'service_unavailable' });
  });

  it.each([
    '/api/metrics',
    '/api/readyz',
    '/api/healthz',
    '/api',
    '/api/',
    '/api/v1x',
    '/api/openapi.json.bak',
  ])('answers 404 for %s without asking the API (only the public API is forwarded)', async (path) => {
    seen = { headers: {}, body: '' };
    const res = await forwardToApi(new Request(`http://localhost:3000${path}`), target());
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'not_found' });
    expect(seen.url).toBeUndefined();
  });

  it.each([
    '/api/v1/meta',
    '/api/v2/anything',
    '/api/openapi.json',
    '/api/reference',
    '/api/reference/js/x.js',
  ])('forwards the public path %s', async (path) => {
    await forwardToApi(new Request(`http://localhost:3000${path}`), target());
    expect(seen.url).toBe(path.slice(4));
  });

  it('never passes on an address the browser claims, nor Expect', async () => {
    await forwardToApi(
      new Request('http://localhost:3000/api/v1/meta', {
        method: 'POST',
        body: '{}',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': '203.0.113.7',
          'x-real-ip': '203.0.113.8',
          forwarded: 'for=203.0.113.9',
          'x-groundwork-peer': 'forged 203.0.113.10',
          expect: '100-continue',
        },
      }),
      target(),
    );
    // No front door stamped this request, so its client address is unknown: none goes up.
    for (const name of ['x-forwarded-for', 'x-real-ip', 'forwarded', 'x-groundwork-peer', 'expect'])
      expect(seen.headers[name], name).toBeUndefined();
  });
});

describe('forwardToApi against an API that misbehaves on the wire', () => {
  let api: Server;
  let url: string;
  let attempts = 0;

  beforeAll(async () => {
    api = createServer((req, res) => {
      attempts += 1;
      if (req.url === '/v1/flaky' && attempts === 1) return req.socket.destroy();
      if (req.url === '/v1/refused') {
        req.resume();
        return req.on('end', () => {
          res.writeHead(401, { 'content-type': 'application/problem+json' });
          res.end('{"code":"invalid_credentials"}');
        });
      }
      if (req.url === '/v1/empty') {
        res.writeHead(204, { 'set-cookie': ['a=1; Path=/', 'b=2; Path=/'] });
        return res.end();
      }
      req.resume();
      req.on('end', () => res.end('{"ok":true}'));
    });
    api.listen(0, '127.0.0.1');
    await once(api, 'listening');
    url = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => api.close(() => resolve())));

  /** A body streamed in 64 KiB chunks, like an upload arriving over the network. */
  const streamed = (bytes: number) => {
    let sent = 0;
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= bytes) return controller.close();
        await new Promise((resolve) => setTimeout(resolve, 1));
        const size = Math.min(64 * 1024, bytes - sent);
        controller.enqueue(new Uint8Array(size).fill(97));
        sent += size;
      },
    });
  };
  const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
    new Request(`http://localhost:3000/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      duplex: 'half',
    } as RequestInit);

  it('refuses a body over BODY_LIMIT_BYTES with 413 itself, by its Content-Length', async () => {
    attempts = 0;
    const res = await forwardToApi(post('/v1/echo', '{}', { 'content-length': String(2 * 1024 * 1024) }), {
      apiUrl: url,
      trustProxy: 'false',
      bodyLimit: 1024 * 1024,
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(attempts).toBe(0);
  });

  it('refuses a streamed body once it passes the limit, and passes one at the limit', async () => {
    const limits = { apiUrl: url, trustProxy: 'false', bodyLimit: 256 * 1024 };
    const over = await forwardToApi(post('/v1/echo', streamed(4 * 1024 * 1024)), limits);
    expect(over.status).toBe(413);
    expect(await over.json()).toMatchObject({ code: 'payload_too_large' });
    const at = await forwardToApi(post('/v1/echo', streamed(256 * 1024)), limits);
    expect(at.status).toBe(200);
  });

  it('hands on a 401 to a streamed body as it is (fetch() would turn it into a network error)', async () => {
    const res = await forwardToApi(post('/v1/refused', streamed(2 * 1024)), {
      apiUrl: url,
      trustProxy: 'false',
      bodyLimit: 1024 * 1024,
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 'invalid_credentials' });
  });

  it('answers bodiless statuses and HEAD without a body, keeping every cookie', async () => {
    const target = { apiUrl: url, trustProxy: 'false', bodyLimit: 1024 };
    const empty = await forwardToApi(
      new Request('http://localhost:3000/api/v1/empty', { method: 'DELETE' }),
      target,
    );
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    expect(empty.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    const head = await forwardToApi(
      new Request('http://localhost:3000/api/v1/meta', { method: 'HEAD' }),
      target,
    );
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
  });

  it('sends a GET once more when its connection is reset, but never a POST', async () => {
    attempts = 0;
    const get = await forwardToApi(new Request('http://localhost:3000/api/v1/flaky'), {
      apiUrl: url,
      trustProxy: 'false',
      bodyLimit: 1024 * 1024,
    });
    expect(get.status).toBe(200);
    expect(attempts).toBe(2);

    attempts = 0;
    const post = await forwardToApi(
      new Request('http://localhost:3000/api/v1/flaky', { method: 'POST', body: '{}' }),
      { apiUrl: url, trustProxy: 'false', bodyLimit: 1024 * 1024 },
    );
    expect(post.status).toBe(503);
    expect(attempts).toBe(1);
  });
});

describe('rewriteLocation', () => {
  const api = 'http://127.0.0.1:4000';
  it('maps API paths and absolute API URLs under /api and leaves other targets alone', () => {
    expect(rewriteLocation('/reference/', api)).toBe('/api/reference/');
    expect(rewriteLocation('http://127.0.0.1:4000/v1/me?x=1', api)).toBe('/api/v1/me?x=1');
    expect(rewriteLocation('http://127.0.0.1:4000', api)).toBe('/api/');
    expect(rewriteLocation('https://idp.example.com/authorize', api)).toBe(
      'https://idp.example.com/authorize',
    );
    expect(rewriteLocation('//evil.example.com/', api)).toBe('//evil.example.com/');
    expect(rewriteLocation('reference/', api)).toBe('reference/');
  });
});
