import type { S3Client } from '@aws-sdk/client-s3';
import { createDb } from '@repo/db';
import { createFlagRuntime, dbFlagLoader, environmentOf, redisFlagSubscription } from '@repo/flags/runtime';
import { createLogger, type Logger } from '@repo/observability';
import { createQueueRegistry } from '@repo/queue';
import { createS3Client, createStorage } from '@repo/storage';
import { Redis } from 'ioredis';
import type { ApiEnv } from './env';
import { createBruteForce } from './lib/brute-force';
import { createRevocations } from './lib/revocations';
import { type AppDeps, systemClock } from './types';

export function createS3(env: ApiEnv): S3Client {
  return createS3Client(env);
}

export function createRedis(env: ApiEnv, logger: Logger): Redis {
  const redis = new Redis(env.REDIS_URL, {
    // Fail a command after a couple of reconnect attempts instead of queueing it for ~20: a
    // request waiting on a dead Redis should become a 503 quickly, not hang.
    maxRetriesPerRequest: 2,
    connectionName: 'api',
  });
  let lastError = '';
  redis.on('error', (error: Error) => {
    // ioredis retries forever and emits the same error on every attempt; log each change once.
    if (error.message !== lastError) logger.warn({ err: error }, 'redis connection error');
    lastError = error.message;
  });
  redis.on('ready', () => {
    if (lastError) logger.info('redis connection restored');
    lastError = '';
  });
  return redis;
}

export function createDeps(env: ApiEnv, logger?: Logger): AppDeps {
  const log =
    logger ?? createLogger({ service: 'api', level: env.LOG_LEVEL, pretty: env.NODE_ENV === 'development' });
  const db = createDb({ url: env.DATABASE_URL, poolMax: env.DATABASE_POOL_MAX });
  const redis = createRedis(env, log);
  const s3 = createS3(env);
  return {
    env,
    logger: log,
    clock: systemClock,
    db,
    redis,
    s3,
    storage: createStorage({ client: s3, bucket: env.S3_BUCKET }),
    revocations: createRevocations({
      db,
      redis,
      prefix: env.REDIS_PREFIX,
      accessTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      clock: systemClock,
      logger: log,
    }),
    bruteForce: createBruteForce({
      redis,
      db,
      env,
      clock: systemClock,
      prefix: env.REDIS_PREFIX,
      logger: log,
    }),
    // Lazy: connects only when the admin jobs console is first used.
    queues: createQueueRegistry({
      url: env.REDIS_URL,
      prefix: env.REDIS_PREFIX,
      connectionName: 'api-queues',
      onError: (err) => log.warn({ err }, 'queue connection error'),
    }),
    // Loaded and subscribed when the flags module is registered (modules/flags).
    flags: createFlagRuntime({
      load: dbFlagLoader(db),
      subscribe: redisFlagSubscription(redis, env.REDIS_PREFIX, { connectionName: 'api-flags', logger: log }),
      environment: environmentOf(env.NODE_ENV),
      logger: log,
    }),
  };
}

/** Closes every connection; each failure is tolerated so one stuck client cannot block shutdown. */
export async function closeDeps(deps: AppDeps): Promise<void> {
  // The revocation subscriber goes first: it reads the database when (re)connecting.
  await deps.revocations.close();
  await deps.flags.close();
  deps.bruteForce.close();
  await Promise.allSettled([
    deps.db.$disconnect(),
    deps.queues?.close(),
    deps.redis.quit().catch(() => deps.redis.disconnect()),
    Promise.resolve(deps.s3.destroy()),
  ]);
}
