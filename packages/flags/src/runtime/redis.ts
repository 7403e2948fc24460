import type { Db } from '@repo/db';
import type { Redis } from 'ioredis';
import type { FlagLogger, FlagSubscription } from './runtime';

/** The pub/sub channel flag changes are announced on; the message is a flag key or `*`. */
export const flagsChannel = (prefix: string) => `${prefix}:flags`;

/** Every stored definition, for `createFlagRuntime({ load })`. */
export const dbFlagLoader = (db: Db) => async (): Promise<unknown[]> => {
  const rows = await db.featureFlag.findMany({ select: { definition: true }, orderBy: { key: 'asc' } });
  return rows.map((row) => row.definition);
};

/**
 * Announces a committed change to every process. Never throws: with Redis down the others catch
 * up on their next poll (at most 30 s) or when their subscriber reconnects.
 */
export async function publishFlagChange(
  redis: Redis,
  prefix: string,
  key: string,
  logger?: FlagLogger,
): Promise<void> {
  try {
    await redis.publish(flagsChannel(prefix), key);
  } catch (error) {
    logger?.warn({ err: error, key }, 'publishing a feature flag change failed');
  }
}

/**
 * Subscribes on a dedicated connection duplicated from `redis` (a subscribed connection can do
 * nothing else). Nothing here is awaited: with Redis down the process starts anyway with the flags
 * it loaded from the database, and ioredis keeps reconnecting; each reconnection triggers a reload
 * so changes published meanwhile are not missed.
 */
export function redisFlagSubscription(
  redis: Redis,
  prefix: string,
  opts: { connectionName?: string; logger?: FlagLogger } = {},
) {
  const channel = flagsChannel(prefix);
  return ({ onChange, onReconnect }: { onChange: (message: string) => void; onReconnect: () => void }) => {
    const sub = redis.duplicate({
      connectionName: opts.connectionName ?? 'flags',
      // Commands wait for the connection instead of failing after a few retries.
      maxRetriesPerRequest: null,
    });
    let down = false;
    let readyOnce = false;
    sub.on('error', (error: Error) => {
      if (!down)
        opts.logger?.warn(
          { err: error },
          'feature flag subscriber disconnected; keeping the last known flags',
        );
      down = true;
    });
    sub.on('message', (ch: string, message: string) => {
      if (ch === channel) onChange(message);
    });
    sub.on('ready', () => {
      if (readyOnce) {
        if (down) opts.logger?.info({}, 'feature flag subscriber reconnected');
        onReconnect();
      }
      readyOnce = true;
      down = false;
    });
    const ready = sub.subscribe(channel).then(
      () => undefined,
      // Only on close; ioredis re-subscribes by itself after a reconnect.
      () => new Promise<void>(() => {}),
    );
    const subscription: FlagSubscription = {
      ready,
      async close() {
        // QUIT would wait for a connection that may never come back (no retry limit here).
        if (sub.status === 'ready') await sub.quit().catch(() => sub.disconnect());
        else sub.disconnect();
      },
    };
    return subscription;
  };
}
