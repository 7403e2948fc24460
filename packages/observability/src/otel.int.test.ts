import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { initTelemetry } from './otel';

// A local OTLP/HTTP receiver: records what the exporter posts.
const received: { url: string; body: string }[] = [];
const collector = createServer(async (req: IncomingMessage, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  received.push({ url: req.url ?? '', body });
  res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
});
collector.listen(0, '127.0.0.1');
await once(collector, 'listening');
afterAll(() => new Promise((r) => collector.close(r)));

it('exports spans for instrumented HTTP traffic to the OTLP endpoint', async () => {
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  const telemetry = await initTelemetry({ serviceName: 'otel-int-test', endpoint });
  expect(telemetry.enabled).toBe(true);

  // Loaded after the SDK started, as server.ts does with the app, so the hook patches it.
  const http = createRequire(import.meta.url)('node:http') as typeof import('node:http');
  const server = http.createServer((_req, res) => res.end('ok'));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => {
    http.get(`http://127.0.0.1:${port}/traced`, (res) => res.resume().on('end', resolve)).on('error', reject);
  });
  await new Promise((r) => server.close(r));

  await telemetry.shutdown(); // flushes the batch
  const traces = received.filter((r) => r.url === '/v1/traces');
  expect(traces.length).toBeGreaterThan(0);
  const all = traces.map((t) => t.body).join('\n');
  expect(all).toContain('otel-int-test');
  expect(all).toContain('/traced');
});
