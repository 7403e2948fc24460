import type { Db } from '@repo/db';
import { createFlagRuntime, dbFlagLoader, environmentOf, redisFlagSubscription } from '@repo/flags/runtime';
import type { Logger } from '@repo/observability';
import type { Redis } from 'ioredis';

/**
 * The worker's feature flags (docs/flags.md): loaded at start, reloaded on the `<prefix>:flags`
 * channel and every 30 s. The worker has no user to evaluate for yet; it logs the deployment-wide
 * variant of every flag (kill switch, environment default) whenever that changes, so an operator
 * sees a kill take effect here too.
 */
export function createWorkerFlags(opts: {
  db: Db;
  redis: Redis;
  prefix: string;
  nodeEnv: string;
  logger: Logger;
}) {
  const { logger } = opts;
  let lastVariants = '';
  const flags = createFlagRuntime({
    load: dbFlagLoader(opts.db),
    subscribe: redisFlagSubscription(opts.redis, opts.prefix, { connectionName: 'worker-flags', logger }),
    environment: environmentOf(opts.nodeEnv),
    logger,
    onLoad: () => {
      const variants = Object.fromEntries(
        Object.entries(flags.evaluateAll({})).map(([key, result]) => [key, result.variant]),
      );
      const signature = JSON.stringify(variants);
      if (signature !== lastVariants) logger.info({ flags: variants }, 'feature flags loaded');
      lastVariants = signature;
    },
  });
  return flags;
}
