import { OUTBOX_NOTIFY_CHANNEL } from '@repo/contracts';
import type { Logger } from '@repo/observability';
import pg from 'pg';

export interface OutboxListener {
  close(): Promise<void>;
}

/**
 * Wakes the relay as soon as an event is committed instead of at the next poll. Best effort: the
 * poll loop stays the source of truth, so a lost connection (or a pooler such as PgBouncer in
 * transaction mode, which does not support LISTEN) only costs latency. Reconnects with backoff.
 */
export function listenForOutbox(opts: { url: string; onNotify: () => void; logger: Logger }): OutboxListener {
  let closed = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;

  const retry = () => {
    if (closed || timer) return;
    const delay = Math.min(1_000 * 2 ** failures++, 30_000);
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, delay);
  };

  async function connect() {
    const c = new pg.Client({ connectionString: opts.url, application_name: 'worker-outbox-listen' });
    client = c;
    c.on('notification', () => opts.onNotify());
    c.on('end', () => {
      if (client === c) retry();
    });
    c.on('error', (err) => {
      opts.logger.warn({ err }, 'outbox listener connection lost; polling continues');
      c.end().catch(() => {});
      retry();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${OUTBOX_NOTIFY_CHANNEL}`);
      failures = 0;
      // Events committed while we were disconnected: one pass picks them up.
      opts.onNotify();
    } catch (err) {
      c.end().catch(() => {});
      if (!closed) opts.logger.warn({ err }, 'outbox listener could not connect; polling continues');
      retry();
    }
  }

  void connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
