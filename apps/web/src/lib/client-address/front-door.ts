import { randomUUID } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { problemType } from '@repo/contracts';

/**
 * The web server's front door: a check on every request before Next.js sees it, for the two
 * things Next cannot do from a route or the proxy:
 *
 * 1. The TCP peer's address. Next copies it into X-Forwarded-For only when the client sent none,
 *    so a client that sends its own loses it; the door stamps it into PEER_HEADER instead,
 *    overwriting any copy the client sent, for the client-address resolution.
 * 2. Methods Next cannot represent (`TRACE` makes it throw and log a 500): 405, no log line.
 *
 * Installed from `instrumentation.ts`. Next's server exists before that runs, so the door is put
 * in place at the first request it sees (a diagnostics channel published before the request is
 * handed to the server's listeners); requests queued while Next starts may pass unstamped, and
 * the stamp carries a per-process nonce so a client cannot forge one in that window.
 */
export const PEER_HEADER = 'x-groundwork-peer';

const SERVED = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const ALLOW = [...SERVED].join(', ');

interface DoorState {
  nonce: string;
  installed: boolean;
  guarded: WeakSet<Server>;
}

// On globalThis, not in module scope: instrumentation and route handlers are separate bundles
// with their own copies of this module, but one process.
const key = Symbol.for('groundwork.web.front-door');
function state(): DoorState {
  const g = globalThis as { [key]?: DoorState };
  g[key] ??= { nonce: randomUUID(), installed: false, guarded: new WeakSet() };
  return g[key];
}

function methodNotAllowed(res: ServerResponse): void {
  const body = JSON.stringify({
    type: problemType('method_not_allowed'),
    title: 'Method not allowed',
    status: 405,
    code: 'method_not_allowed',
  });
  res.writeHead(405, { allow: ALLOW, 'content-type': 'application/problem+json' });
  res.end(body);
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

function guard(server: Server): void {
  const { nonce, guarded } = state();
  if (guarded.has(server)) return;
  guarded.add(server);
  const listeners = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!SERVED.has(req.method ?? '')) return methodNotAllowed(res);
    req.headers[PEER_HEADER] = `${nonce} ${req.socket.remoteAddress ?? ''}`;
    for (const listener of listeners) listener.call(server, req, res);
  });
}

export function installFrontDoor(): void {
  const s = state();
  if (s.installed) return;
  s.installed = true;
  subscribe('http.server.request.start', (message) => guard((message as { server: Server }).server));
}

/** The TCP peer of the request these headers came with, when the front door stamped it. */
export function peerAddress(headers: Headers): string | null {
  const [nonce, address] = (headers.get(PEER_HEADER) ?? '').split(' ');
  return nonce === state().nonce && address ? address : null;
}
