import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { INBOX_CSS, INBOX_HTML, INBOX_JS } from './inbox-page';
import type { MailStore } from './store';

const BASE_HEADERS = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, { ...BASE_HEADERS, 'content-type': type, ...extra });
  res.end(body);
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));

const notFound = (res: ServerResponse) => json(res, 404, { error: 'not_found' });

async function route(store: MailStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const to = url.searchParams.get('to') ?? undefined;

  if (method === 'GET' && path === '/') {
    return send(res, 200, 'text/html; charset=utf-8', INBOX_HTML, {
      'content-security-policy':
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-src 'self'; img-src 'self' data:",
    });
  }
  if (method === 'GET' && path === '/inbox.js')
    return send(res, 200, 'text/javascript; charset=utf-8', INBOX_JS);
  if (method === 'GET' && path === '/inbox.css') return send(res, 200, 'text/css; charset=utf-8', INBOX_CSS);
  if (method === 'GET' && path === '/healthz') return json(res, 200, { status: 'ok' });

  if (path === '/api/messages') {
    if (method === 'GET') return json(res, 200, store.list(to));
    if (method === 'DELETE') {
      await store.clear(to);
      res.writeHead(204, BASE_HEADERS).end();
      return;
    }
  }

  const match = /^\/api\/messages\/([\w-]+)(?:\/(html|raw))?$/.exec(path);
  if (match) {
    const [, id = '', part] = match;
    const message = store.get(id);
    if (!message) return notFound(res);
    if (method === 'DELETE' && !part) {
      await store.remove(id);
      res.writeHead(204, BASE_HEADERS).end();
      return;
    }
    if (method !== 'GET') return json(res, 405, { error: 'method_not_allowed' });
    if (!part) return json(res, 200, message);
    if (part === 'html') {
      // The sandbox CSP makes the mail's HTML inert even if opened outside the iframe.
      return send(res, 200, 'text/html; charset=utf-8', message.html, {
        'content-security-policy':
          "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline' *; font-src * data:",
      });
    }
    const raw = await store.getRaw(id);
    if (!raw) return notFound(res);
    return send(res, 200, 'message/rfc822', raw, {
      'content-disposition': `attachment; filename="${id}.eml"`,
    });
  }
  return notFound(res);
}

export function createInboxServer(store: MailStore, log: (line: string) => void): Server {
  return createServer((req, res) => {
    route(store, req, res).catch((error: unknown) => {
      log(`mail inbox: ${String(error)}`);
      if (!res.headersSent) json(res, 500, { error: 'internal' });
      else res.destroy();
    });
  });
}
