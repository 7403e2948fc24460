import { randomUUID } from 'node:crypto';
import { problemType } from '@repo/contracts';

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
  'host',
  'content-length',
]);

function copyHeaders(from: Headers, skip: ReadonlySet<string>): Headers {
  const out = new Headers();
  // Iteration yields each Set-Cookie separately, so multiple cookies survive the copy.
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
 * Forwards a browser request for `/api/<rest>` to `<apiUrl>/<rest>`: method, headers (cookies
 * included), streamed body and query go up; status, headers (every Set-Cookie) and streamed
 * body come back. The upstream address never reaches the browser. When the API cannot be
 * reached the answer is a problem+json 503, like any other API error.
 */
export async function forwardToApi(request: Request, apiUrl: string): Promise<Response> {
  const incoming = new URL(request.url);
  const rest = incoming.pathname.replace(/^\/api(?=\/|$)/, '') || '/';
  const target = `${apiUrl}${rest}${incoming.search}`;

  const headers = copyHeaders(request.headers, HOP_BY_HOP);
  headers.set('x-forwarded-host', request.headers.get('host') ?? incoming.host);
  headers.set('x-forwarded-proto', incoming.protocol.replace(':', ''));
  // Compression is done once, by Next, on the way out to the browser.
  headers.set('accept-encoding', 'identity');

  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: hasBody ? request.body : undefined,
      redirect: 'manual',
      cache: 'no-store',
      signal: request.signal,
      // Streams the request body instead of buffering it (required by undici for streams).
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch {
    const requestId = request.headers.get('x-request-id') ?? randomUUID();
    return Response.json(
      {
        type: problemType('service_unavailable'),
        title: 'API unreachable',
        status: 503,
        code: 'service_unavailable',
        requestId,
      },
      {
        status: 503,
        headers: {
          'content-type': 'application/problem+json',
          'x-request-id': requestId,
          'retry-after': '5',
        },
      },
    );
  }

  const responseHeaders = copyHeaders(upstream.headers, RESPONSE_SKIP);
  const location = responseHeaders.get('location');
  if (location) responseHeaders.set('location', rewriteLocation(location, apiUrl));
  return new Response(upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: responseHeaders,
  });
}
