import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isSecret } from '@repo/webhooks';
import { RECEIVER_CSS, RECEIVER_HTML, RECEIVER_JS } from './inbox-page';
import { type HookStore, normalizePath } from './store';
import { simulatedStatus, toView } from './view';

const BASE_HEADERS = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
/** Far above any event body; a runaway sender must not fill the dev machine's memory. */
const MAX_BODY_BYTES = 1024 * 1024;

class TooLarge extends Error {}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, { ...BASE_HEADERS, 'content-type': type, ...extra });
  res.end(body);
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));

const noContent = (res: ServerResponse, status = 204) => {
  res.writeHead(status, BASE_HEADERS).end();
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new TooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headersDistinct)) {
    if (value) headers[name] = value.join(', ');
  }
  return headers;
}

async function route(store: HookStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const path = url.pathname.replace(/\/+$/, '') || '/';

  if (path === '/hooks' || path.startsWith('/hooks/')) {
    if (method !== 'POST') return json(res, 405, { error: 'method_not_allowed' });
    const status = simulatedStatus(url.searchParams);
    const body = await readBody(req);
    await store.add({ method, path, headers: headersOf(req), body: body.toString('utf8'), status });
    return status === 204 ? noContent(res) : json(res, status, { simulated: status });
  }

  if (method === 'GET' && path === '/') {
    return send(res, 200, 'text/html; charset=utf-8', RECEIVER_HTML, {
      'content-security-policy':
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:",
    });
  }
  if (method === 'GET' && path === '/receiver.js')
    return send(res, 200, 'text/javascript; charset=utf-8', RECEIVER_JS);
  if (method === 'GET' && path === '/receiver.css')
    return send(res, 200, 'text/css; charset=utf-8', RECEIVER_CSS);
  if (method === 'GET' && path === '/healthz') return json(res, 200, { status: 'ok' });

  if (path === '/api/deliveries') {
    if (method === 'GET')
      return json(
        res,
        200,
        store.list().map((r) => toView(r, store.secretsFor(r.path))),
      );
    if (method === 'DELETE') {
      await store.clear();
      return noContent(res);
    }
    return json(res, 405, { error: 'method_not_allowed' });
  }

  if (path === '/api/secrets') {
    if (method === 'GET') return json(res, 200, { paths: store.knownPaths() });
    if (method !== 'POST') return json(res, 405, { error: 'method_not_allowed' });
    let input: unknown;
    try {
      input = JSON.parse((await readBody(req)).toString('utf8'));
    } catch {
      return json(res, 400, { error: 'invalid_json' });
    }
    const { path: hookPath, secret } = (input ?? {}) as { path?: unknown; secret?: unknown };
    if (typeof hookPath !== 'string' || !normalizePath(hookPath).startsWith('/hooks/')) {
      return json(res, 400, { error: 'invalid_path', detail: 'path must be /hooks/<name>' });
    }
    if (typeof secret !== 'string' || !isSecret(secret)) {
      return json(res, 400, { error: 'invalid_secret', detail: 'secret must be a whsec_ secret' });
    }
    await store.addSecret(hookPath, secret);
    return noContent(res);
  }

  return json(res, 404, { error: 'not_found' });
}

export function createReceiverServer(store: HookStore, log: (line: string) => void): Server {
  return createServer((req, res) => {
    route(store, req, res).catch((error: unknown) => {
      if (error instanceof TooLarge) {
        if (!res.headersSent) json(res, 413, { error: 'payload_too_large' });
        return;
      }
      log(`webhook receiver: ${String(error)}`);
      if (!res.headersSent) json(res, 500, { error: 'internal' });
      else res.destroy();
    });
  });
}
