import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, type TestApp } from '../app.test-support';
import { AppError } from '../errors';

const logLines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
    done();
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp(
    { BODY_LIMIT_BYTES: '2048' },
    {
      logger: pino({ level: 'debug' }, sink),
      routes: (app) => {
        app.post(
          '/echo',
          {
            schema: {
              body: z.strictObject({ name: z.string().max(50), tags: z.array(z.string()).optional() }),
            },
          },
          async (req) => req.body,
        );
        app.get(
          '/query',
          { schema: { querystring: z.object({ limit: z.coerce.number().int().min(1).max(100) }) } },
          async (req) => req.query,
        );
        app.get('/boom', async () => {
          throw new Error('relation "secret_table" does not exist at /app/src/secret.ts:12');
        });
        app.get('/conflict', async () => {
          throw new AppError('conflict', 'That name is taken.');
        });
        app.get('/db-down', async () => {
          throw Object.assign(new Error("Can't reach database server at 10.0.0.5:5432"), { code: 'P1001' });
        });
      },
    },
  );
});
afterAll(() => t?.close());

const post = (payload: string, contentType = 'application/json', headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/test/echo',
    payload,
    headers: { 'content-type': contentType, ...headers },
  });

/** The error contract every negative answer must satisfy (docs/testing.md). */
function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ status, code, type: expect.stringContaining(code.replaceAll('_', '-')) });
  expect(typeof body.title).toBe('string');
  expect(body.requestId).toBe(res.headers['x-request-id']);
  expect(res.body).not.toMatch(/stack|\.ts:|node_modules|secret_table|P1001|10\.0\.0\.5/);
  return body;
}

describe('error contract', () => {
  it('404 for an unknown route', () => {
    return t.app.inject({ url: '/nope' }).then((res) => expectProblem(res, 404, 'not_found'));
  });

  it.each([
    ['text/plain', 'name=x'],
    ['application/x-www-form-urlencoded', 'name=x'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('415 for %s on a JSON route', async (type, payload) => {
    expectProblem(await post(payload, type), 415, 'unsupported_media_type');
  });

  it('413 for a body over BODY_LIMIT_BYTES', async () => {
    expectProblem(await post(JSON.stringify({ name: 'x'.repeat(5000) })), 413, 'payload_too_large');
  });

  it('400 invalid_json for broken and empty JSON', async () => {
    expectProblem(await post('{"name": '), 400, 'invalid_json');
    expectProblem(await post(''), 400, 'invalid_json');
  });

  it('400 for NUL bytes and lone surrogates, never a 500', async () => {
    expectProblem(await post('{"name":"a\\u0000b"}'), 400, 'bad_request');
    expectProblem(await post('{"name":"a\\ud800b"}'), 400, 'bad_request');
  });

  it('400 fast for deep nesting and huge key counts, and the process keeps serving', async () => {
    expectProblem(await post(`${'['.repeat(1000)}${']'.repeat(1000)}`), 400, 'bad_request');
    const t2 = await buildTestApp(
      { BODY_LIMIT_BYTES: String(2_000_000) },
      { routes: (app) => app.post('/x', async () => 'ok') },
    );
    try {
      const deep = await t2.app.inject({
        method: 'POST',
        url: '/test/x',
        payload: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(deep, 400, 'bad_request');
      const keys = `{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":1`).join(',')}}`;
      const wide = await t2.app.inject({
        method: 'POST',
        url: '/test/x',
        payload: keys,
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(wide, 400, 'bad_request');
      expect((await t2.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await t2.close();
    }
  });

  it('400 for __proto__ and constructor.prototype, and nothing is polluted', async () => {
    expectProblem(await post('{"name":"x","__proto__":{"polluted":1}}'), 400, 'bad_request');
    expectProblem(await post('{"name":"x","constructor":{"prototype":{"polluted":1}}}'), 400, 'bad_request');
    const q = await t.app.inject({
      url: '/test/query?limit=5&__proto__[polluted]=1&constructor[prototype][polluted]=1',
    });
    expect([200, 400]).toContain(q.statusCode);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('400 validation_failed with field errors for unknown fields (mass assignment)', async () => {
    const body = expectProblem(await post('{"name":"x","role":"admin"}'), 400, 'validation_failed');
    expect(body.errors).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);
  });

  it('400 for type confusion: no coercion of bodies', async () => {
    const body = expectProblem(await post('{"name":["x"]}'), 400, 'validation_failed');
    expect(body.errors[0]).toMatchObject({ path: 'name', code: 'invalid_type' });
    expectProblem(await post('{"name":{"contains":""}}'), 400, 'validation_failed');
    expectProblem(await post('{"name":42}'), 400, 'validation_failed');
  });

  it('400 for bad query strings with prefixed paths', async () => {
    const body = expectProblem(await t.app.inject({ url: '/test/query?limit=-1' }), 400, 'validation_failed');
    expect(body.errors[0].path).toBe('querystring.limit');
    expectProblem(await t.app.inject({ url: '/test/query?limit=NaN' }), 400, 'validation_failed');
    expect((await t.app.inject({ url: '/test/query?limit=5' })).json()).toEqual({ limit: 5 });
  });

  it('passes AppError codes and details through', async () => {
    const body = expectProblem(await t.app.inject({ url: '/test/conflict' }), 409, 'conflict');
    expect(body.detail).toBe('That name is taken.');
  });

  it('500 internal_error without internals, logged with stack and request id', async () => {
    const res = await t.app.inject({ url: '/test/boom', headers: { 'x-request-id': 'trace-boom-1' } });
    const body = expectProblem(res, 500, 'internal_error');
    expect(body.requestId).toBe('trace-boom-1');
    const logged = logLines.find((l) => l.requestId === 'trace-boom-1' && l.msg === 'request failed') as {
      err: { stack: string };
    };
    expect(logged.err.stack).toContain('secret_table');
  });

  it('503 service_unavailable with Retry-After when the database is unreachable', async () => {
    const res = await t.app.inject({ url: '/test/db-down' });
    expectProblem(res, 503, 'service_unavailable');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('request id and logging', () => {
  it('echoes a sane x-request-id and replaces an unsafe one', async () => {
    const kept = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123.def:4' } });
    expect(kept.headers['x-request-id']).toBe('abc-123.def:4');
    const replaced = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'evil\nline' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const long = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'a'.repeat(300) } });
    expect(long.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes one line per request carrying the request id, without secrets', async () => {
    await t.app.inject({
      url: '/v1/meta?token=supersecret',
      headers: { 'x-request-id': 'log-check-1', authorization: 'Bearer supersecret' },
    });
    const lines = logLines.filter((l) => l.requestId === 'log-check-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request', status: 200, route: '/v1/meta', path: '/v1/meta' });
    expect(JSON.stringify(logLines)).not.toContain('supersecret');
  });

  it('does not log probe requests', async () => {
    await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'probe-1' } });
    expect(logLines.filter((l) => l.requestId === 'probe-1')).toEqual([]);
  });
});
