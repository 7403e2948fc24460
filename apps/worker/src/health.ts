import { createServer, type Server } from 'node:http';
import type { ReadinessResponse } from '@repo/contracts';

export type Check = () => Promise<unknown>;

export interface HealthServer {
  server: Server;
  /** The bound port (useful when started on port 0). */
  port: number;
  close(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2_000;

async function runCheck(check: Check): Promise<ReadinessResponse['checks'][string]> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'ok', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    // Only the error's message: readiness output is scraped by infrastructure, not a debugger.
    const message = error instanceof Error ? error.message : String(error);
    return {
      status: 'fail',
      latencyMs: Math.round(performance.now() - started),
      error: message.slice(0, 200),
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Liveness (`/healthz`: the event loop answers) and readiness (`/readyz`: every dependency
 * answers) for orchestrators. node:http rather than Fastify: two routes do not justify a framework.
 */
export function startHealthServer(opts: {
  port: number;
  host?: string;
  checks: Record<string, Check>;
}): Promise<HealthServer> {
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { status: 'fail' });
    if (path === '/healthz') return send(200, { status: 'ok' });
    if (path === '/readyz') {
      const names = Object.keys(opts.checks);
      const results = await Promise.all(names.map((n) => runCheck(opts.checks[n]!)));
      const checks = Object.fromEntries(names.map((n, i) => [n, results[i]!]));
      const ok = results.every((r) => r.status === 'ok');
      const body: ReadinessResponse = { status: ok ? 'ok' : 'fail', checks };
      return send(ok ? 200 : 503, body);
    }
    return send(404, { status: 'fail' });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : opts.port;
      resolve({
        server,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
