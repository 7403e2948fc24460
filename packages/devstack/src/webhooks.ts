import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DevstackError, type RunningService } from './types';
import { createReceiverServer } from './webhooks/http';
import { HookStore } from './webhooks/store';

/**
 * What the dev stack (`pnpm dev`, `pnpm start`, --ephemeral) sets for the API and the worker when
 * the environment does not: plain http to loopback only, so endpoints can point at the receiver.
 * The apps' own defaults stay strict (https, public addresses only).
 */
export const DEV_WEBHOOK_GUARD = {
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_ALLOWED_CIDRS: '127.0.0.1/32',
} as const;

export type { CaughtRequest } from './webhooks/store';
export type { DeliveryView, SignatureVerdict } from './webhooks/view';

/**
 * The local webhook receiver: catches POST /hooks/<name>, shows each request with its signature
 * verdict (inbox page + JSON API). `dir` (dev only) keeps requests and secrets across restarts.
 */
export async function startWebhookReceiver(opts: {
  dir: string | undefined;
  port: number;
  log: (line: string) => void;
}): Promise<RunningService> {
  const store = new HookStore(opts.dir);
  await store.load();
  const server: Server = createReceiverServer(store, opts.log);
  const port = await new Promise<number>((resolve, reject) => {
    const onError = (cause: Error) =>
      reject(
        new DevstackError(`Webhook receiver could not listen on 127.0.0.1:${opts.port}: ${cause.message}`, {
          cause,
        }),
      );
    server.once('error', onError);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    name: 'webhooks',
    url,
    env: { WEBHOOK_RECEIVER_URL: url },
    stop: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
