// A real HTTP receiver for the webhook integration tests: records every request and answers
// as the test says, per path.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '@repo/db';
import { generateSecret, sealEndpointSecret } from '@repo/webhooks';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export type Behaviour = (res: ServerResponse, req: Received) => unknown;

export async function startReceiver() {
  const received: Received[] = [];
  const behaviours = new Map<string, Behaviour>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = {
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        at: Date.now(),
      };
      received.push(entry);
      const behave = behaviours.get(entry.path) ?? ((r) => r.writeHead(204).end());
      void behave(res, entry);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    on(path: string, behave: Behaviour) {
      behaviours.set(path, behave);
    },
    at: (path: string) => received.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An organization row (webhooks need no members) and an endpoint with a known secret. */
export async function createEndpoint(
  db: Db,
  key: string,
  input: { url: string; eventTypes?: string[]; ordered?: boolean; organizationId?: string },
) {
  const organizationId =
    input.organizationId ??
    (await db.organization.create({ data: { name: 'Hooks', slug: `hooks-${randomUUID().slice(0, 12)}` } }))
      .id;
  const id = randomUUID();
  const secret = generateSecret();
  await db.webhookEndpoint.create({
    data: {
      id,
      organizationId,
      url: input.url,
      eventTypes: input.eventTypes ?? ['*'],
      ordered: input.ordered ?? false,
      secretCiphertext: sealEndpointSecret(key, id, secret),
    },
  });
  return { id, organizationId, secret };
}
