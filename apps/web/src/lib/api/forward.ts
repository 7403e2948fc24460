import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { problemType } from '@repo/contracts';
import { Agent, type Dispatcher, request as undiciRequest } from 'undici';
import { setForwardedFor } from '../client-address/client-address';

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and must not be forwarded;
// host/content-length are recomputed for the upstream request.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  // 100-continue is negotiated per hop: the browser with this server, this server with the API.
  'expect',
  'host',
  'content-length',
]);

function copyHeaders(from: Headers, skip: ReadonlySet<string>): Headers {
  const out = new Headers();
  for (const [key, value] of from) if (!skip.has(key)) out.append(key, value);
  return out;
}

const RESPONSE_SKIP = new Set([...HOP_BY_HOP, 'content-encoding']);

/**
 * Redirects from the API point into the API's own path space (`/reference` → `/reference/`);
 * seen from the browser that path lives under `/api`. Same idea as nginx's proxy_redirect.
 */
export function rewriteLocation(location: string, apiUrl: string): string {
  if (location.startsWith('/') && !location.startsWith('//')) return `/api${location}`;
  if (location === apiUrl || location.startsWith(`${apiUrl}/`) || location.startsWith(`${apiUrl}?`)) {
    const rest = location.slice(apiUrl.length);
    return `/api${rest.startsWith('/') ? rest : `/${rest}`}`;
  }
  return location;
}

/**
 * Connections to the API: the web server's own pool, and undici's plain HTTP client rather than
 * a fetch(). A proxy must hand on whatever the API answers; fetch() applies browser rules on the
 * way (a 401 to a request with a streamed body becomes a network error, as the body cannot be
 * sent again with credentials).
 * - Idle connections are dropped by this side first (at most 30 s, and always before the API's
 *   Keep-Alive promise runs out), so a request is never written into a socket the API is closing.
 */
const pool = new Agent({
  keepAliveTimeout: 4_000,
  keepAliveMaxTimeout: 30_000,
  keepAliveTimeoutThreshold: 2_000,
});

/** Failures of the connection itself, before any answer: nothing reached the API's handlers. */
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
/** Safe to send twice, and without a body to replay. */
const RETRIABLE = new Set(['GET', 'HEAD', 'OPTIONS']);

function connectionLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECTION_LOST.has(code);
}

/** Statuses whose response has no body (a Response with one would throw). */
const NO_BODY = new Set([101, 204, 205, 304]);

function responseHeadersOf(raw: Dispatcher.ResponseData['headers']): Headers {
  const out = new Headers();
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || RESPONSE_SKIP.has(key)) continue;
    // One by one: joined with commas, several cookies would arrive as one broken cookie.
    for (const one of Array.isArray(value) ? value : [value]) out.append(key, one);
  }
  return out;
}

/**
 * What the browser may reach of the API: the versioned API and its public reference. Probes
 * (/healthz, /readyz) and /metrics are for the network the API runs in, never the internet.
 */
export function isPublicApiPath(path: string): boolean {
  return /^\/v\d+(\/|$)/.test(path) || path === '/openapi.json' || /^\/reference(\/|$)/.test(path);
}

export interface ForwardTarget {
  /** API_URL */
  apiUrl: string;
  /** WEB_TRUST_PROXY: who may name the client in X-Forwarded-For (client-address.ts). */
  trustProxy: string;
  /** BODY_LIMIT_BYTES, the API's own limit. */
  bodyLimit: number;
}

/**
 * The body, cut off with an error once it passes `limit` bytes. Oversized bodies are refused
 * here rather than by the API: an API that refuses a body mid-upload answers 413 and closes the
 * connection while the body is still being written to it, which fails the upstream request as
 * a whole (EPIPE), so the browser would see 503 instead of the 413.
 */
function capped(body: ReadableStream<Uint8Array>, limit: number, onExceeded: () => void) {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen <= limit) return controller.enqueue(chunk);
        onExceeded();
        controller.error(new Error('request body over BODY_LIMIT_BYTES'));
      },
    }),
  );
}

function problem(
  status: 404 | 413 | 503,
  code: string,
  title: string,
  requestId: string,
  extra: HeadersInit = {},
) {
  return Response.json(
    { type: problemType(code), title, status, code, requestId },
    {
      status,
      headers: { 'content-type': 'application/problem+json', 'x-request-id': requestId, ...extra },
    },
  );
}

/**
 * Forwards a browser request for `/api/<rest>` to `<apiUrl>/<rest>`: method, headers (cookies
 * included), streamed body and query go up; status, headers (every Set-Cookie) and streamed
 * body come back. The upstream address never reaches the browser. The client address goes up as
 * this server resolved it (X-Forwarded-For overwritten). When the API cannot be reached the
 * answer is a problem+json 503, like any other API error; a path outside the public API is 404.
 */
export async function forwardToApi(request: Request, target: ForwardTarget): Promise<Response> {
  const { apiUrl } = target;
  const incoming = new URL(request.url);
  const rest = incoming.pathname.replace(/^\/api(?=\/|$)/, '') || '/';
  const requestId = () => request.headers.get('x-request-id') ?? randomUUID();
  if (!isPublicApiPath(rest)) return problem(404, 'not_found', 'Not found', requestId());
  const url = `${apiUrl}${rest}${incoming.search}`;

  const headers = copyHeaders(request.headers, HOP_BY_HOP);
  headers.set('x-forwarded-host', request.headers.get('host') ?? incoming.host);
  headers.set('x-forwarded-proto', incoming.protocol.replace(':', ''));
  // Where the API lives as the browser sees it: the OpenAPI document names its server with it.
  headers.set('x-forwarded-prefix', '/api');
  setForwardedFor(headers, request.headers, target.trustProxy);
  // Compression is done once, by Next, on the way out to the browser.
  headers.set('accept-encoding', 'identity');

  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const tooLarge = () => problem(413, 'payload_too_large', 'Payload too large', requestId());
  if (Number(request.headers.get('content-length') ?? 0) > target.bodyLimit) return tooLarge();
  let overLimit = false;
  const body =
    hasBody && request.body
      ? capped(request.body, target.bodyLimit, () => {
          overLimit = true;
        })
      : undefined;
  const send = () =>
    undiciRequest(url, {
      method: request.method as Dispatcher.HttpMethod,
      headers: Object.fromEntries(headers),
      // Streamed up as it arrives, never buffered whole.
      body: body ? Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>) : null,
      signal: request.signal,
      dispatcher: pool,
    });
  let upstream: Dispatcher.ResponseData;
  try {
    // A read whose connection broke under it goes once more: the browser would otherwise see a
    // 503 for a blip. (undici's RetryAgent would do this, but it joins Set-Cookie headers.)
    upstream = await send().catch((error: unknown) => {
      if (RETRIABLE.has(request.method) && connectionLost(error)) return send();
      throw error;
    });
  } catch {
    if (overLimit) return tooLarge();
    return problem(503, 'service_unavailable', 'API unreachable', requestId(), { 'retry-after': '5' });
  }

  const responseHeaders = responseHeadersOf(upstream.headers);
  const location = responseHeaders.get('location');
  if (location) responseHeaders.set('location', rewriteLocation(location, apiUrl));
  const empty = request.method === 'HEAD' || NO_BODY.has(upstream.statusCode);
  if (empty) upstream.body.resume();
  return new Response(empty ? null : (Readable.toWeb(upstream.body) as ReadableStream<Uint8Array>), {
    status: upstream.statusCode,
    headers: responseHeaders,
  });
}
