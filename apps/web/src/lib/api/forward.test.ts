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

describe('forwardToApi', () => {
  it('forwards method, path, query, cookies and body, and returns status and every cookie', async () => {
    const request = new Request('http://localhost:3000/api/v1/waitlist?ref=home', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'sid=abc', host: 'localhost:3000' },
      body: '{"email":"a@example.com"}',
    });
    const res = await forwardToApi(request, apiUrl);

    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/v1/waitlist?ref=home');
    expect(seen.headers.cookie).toBe('sid=abc');
    expect(seen.headers['content-type']).toBe('application/json');
    expect(seen.headers['x-forwarded-host']).toBe('localhost:3000');
    expect(seen.body).toBe('{"email":"a@example.com"}');
    expect(res.status).toBe(201);
    expect(res.headers.getSetCookie()).toEqual(['access=a; Path=/; HttpOnly', 'refresh=r; Path=/; HttpOnly']);
    expect(res.headers.get('connection')).toBeNull();
    expect(await res.json()).toEqual({ ok: true });
  });

  it('passes error statuses through untouched', async () => {
    const res = await forwardToApi(new Request('http://localhost:3000/api/v1/missing'), apiUrl);
    expect(seen.method).toBe('GET');
    expect(res.status).toBe(404);
  });

  it('keeps API redirects inside /api', async () => {
    const res = await forwardToApi(new Request('http://localhost:3000/api/reference'), apiUrl);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/api/reference/');
  });

  it('answers problem+json 503 when the API is unreachable', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const res = await forwardToApi(new Request('http://localhost:3000/api/readyz'), deadUrl);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 503, code: 'service_unavailable' });
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
