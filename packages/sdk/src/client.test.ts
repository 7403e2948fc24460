import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, GroundworkApiError, isApiError } from './index';

/**
 * The client's own rules (credentials, refresh, errors) against a small HTTP server that answers
 * like the API does for the few paths used here. The real API is exercised by
 * tests/sdk-journey.int.test.ts.
 */
let server: Server;
let baseUrl: string;
let refreshes = 0;
let validToken = 'access-1';
const seen: { path: string; authorization?: string; body: string }[] = [];

const problem = (status: number, code: string) =>
  JSON.stringify({ type: 'about:blank', title: code, status, code, requestId: 'req-1' });

async function read(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const body = await read(request);
    const path = request.url ?? '';
    seen.push({ path, authorization: request.headers.authorization, body });
    const send = (status: number, payload: string, type = 'application/json') => {
      response.writeHead(status, { 'content-type': type });
      response.end(payload);
    };
    if (path === '/api/v1/auth/refresh') {
      refreshes += 1;
      const { refreshToken } = JSON.parse(body) as { refreshToken: string };
      if (refreshToken !== `refresh-${refreshes}`)
        return send(401, problem(401, 'token_invalid'), 'application/problem+json');
      validToken = `access-${refreshes + 1}`;
      // Slow enough for concurrent 401s to arrive while this refresh is in flight.
      await new Promise((resolve) => setTimeout(resolve, 50));
      return send(
        200,
        JSON.stringify({
          user: {},
          tokens: { accessToken: validToken, refreshToken: `refresh-${refreshes + 1}`, expiresIn: 600 },
        }),
      );
    }
    if (path.startsWith('/down/')) return send(502, '<html>Bad gateway</html>', 'text/html');
    if (
      request.headers.authorization !== `Bearer ${validToken}` &&
      !request.headers.authorization?.startsWith('Bearer gwk_')
    )
      return send(401, problem(401, 'token_expired'), 'application/problem+json');
    if (request.headers.authorization?.startsWith('Bearer gwk_'))
      return send(403, problem(403, 'forbidden'), 'application/problem+json');
    return send(201, JSON.stringify({ id: 'o1', echo: body ? JSON.parse(body) : null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  refreshes = 0;
  validToken = 'access-1';
  seen.length = 0;
});

describe('createClient', () => {
  it('sends the bearer token and the body, under the base URL', async () => {
    const gw = createClient({ baseUrl, auth: { bearer: 'access-1' } });
    const org = await gw.POST('/v1/orgs', { body: { name: 'Acme' } });
    expect(org).toMatchObject({ id: 'o1', echo: { name: 'Acme' } });
    expect(seen[0]).toMatchObject({ path: '/api/v1/orgs', authorization: 'Bearer access-1' });
  });

  it('refreshes once for concurrent 401s, replays each request with its body, hands over the pair', async () => {
    const stored: string[] = [];
    const gw = createClient({
      baseUrl,
      auth: { bearer: 'stale' },
      refresh: { refreshToken: 'refresh-1', onTokens: (t) => void stored.push(t.refreshToken) },
    });
    const names = ['a', 'b', 'c'];
    const created = await Promise.all(names.map((name) => gw.POST('/v1/orgs', { body: { name } })));
    expect(created.map((o) => (o as unknown as { echo: { name: string } }).echo.name)).toEqual(names);
    expect(refreshes).toBe(1);
    expect(stored).toEqual(['refresh-2']);
    expect(gw.tokens()).toEqual({ accessToken: 'access-2', refreshToken: 'refresh-2' });
  });

  it('gives the 401 back when the refresh fails, as a typed error', async () => {
    const gw = createClient({ baseUrl, auth: { bearer: 'stale' }, refresh: { refreshToken: 'spent' } });
    const error = await gw.GET('/v1/me').catch((e: unknown) => e);
    expect(isApiError(error, 'token_expired')).toBe(true);
    expect(refreshes).toBe(1);
  });

  it('never refreshes for an API key', async () => {
    const gw = createClient({ baseUrl, auth: { apiKey: 'gwk_x_y' }, refresh: { refreshToken: 'refresh-1' } });
    const error = await gw.GET('/v1/me').catch((e: unknown) => e);
    expect(seen[0]?.authorization).toBe('Bearer gwk_x_y');
    expect(isApiError(error, 'forbidden') && error.status).toBe(403);
    expect(refreshes).toBe(0);
  });

  it('turns an answer that is not a problem into a GroundworkApiError with the status', async () => {
    // A proxy in front of the API answering for it.
    const gw = createClient({ baseUrl: baseUrl.replace('/api/', '/down/') });
    const error = await gw.GET('/v1/meta').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GroundworkApiError);
    expect((error as GroundworkApiError).status).toBe(502);
    expect((error as GroundworkApiError).code).toBe('service_unavailable');
  });
});
