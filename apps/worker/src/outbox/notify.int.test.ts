import { OUTBOX_NOTIFY_CHANNEL } from '@repo/contracts';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { requireEnv, silentLogger, waitFor } from '../worker.test-support';
import { listenForOutbox, type OutboxListener } from './notify';

let listener: OutboxListener | undefined;
afterEach(async () => {
  await listener?.close();
});

describe('outbox listener', () => {
  it('wakes once on connect (catch-up) and on every committed NOTIFY', async () => {
    let wakes = 0;
    listener = listenForOutbox({
      url: requireEnv('DATABASE_URL'),
      onNotify: () => wakes++,
      logger: silentLogger,
    });
    await waitFor(async () => wakes >= 1, 'the catch-up wake on connect');
    // The catch-up wake fires after LISTEN succeeded, so the notification below cannot be missed.
    const before = wakes;

    const writer = new pg.Client({ connectionString: requireEnv('DATABASE_URL') });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await writer.query('SELECT pg_notify($1, $2)', [OUTBOX_NOTIFY_CHANNEL, '']);
      await writer.query('COMMIT');
    } finally {
      await writer.end();
    }
    await waitFor(async () => wakes > before, 'a wake after the commit');
    expect(wakes).toBeGreaterThan(before);
  });
});
