import { once } from 'node:events';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { AppError } from '../errors';
import { createFallbackStore } from '../lib/fallback-store';

export interface RateLimitOptions {
  redis: Redis;
  prefix: string;
  max: number;
  windowMs: number;
}

/**
 * Global per-IP limit (RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS); a route overrides it with
 * `config: { rateLimit: { max, timeWindow } }` or opts out with `config: { rateLimit: false }`.
 * Headers follow the IETF draft (RateLimit-Limit/-Remaining/-Reset, Retry-After on 429).
 */
const rateLimitPlugin: FastifyPluginAsync<RateLimitOptions> = async (app, opts) => {
  // A dedicated connection: no offline queue and a short timeout, so an unreachable Redis fails
  // fast into the local fallback instead of holding requests (see fallback-store.ts).
  const redis = opts.redis.duplicate({
    enableOfflineQueue: false,
    commandTimeout: 250,
    maxRetriesPerRequest: 0,
    connectionName: 'api-rate-limit',
  });
  redis.on('error', () => {
    // Connection errors are logged by the main client; the store logs its fallbacks.
  });
  app.addHook('onClose', async () => {
    redis.disconnect();
  });
  // Give the connection a moment before serving so the first requests already share counters;
  // a Redis that is down does not hold startup for long (the local fallback covers it).
  app.addHook('onReady', async () => {
    if (redis.status === 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      once(redis, 'ready').catch(() => {}),
      new Promise((resolve) => {
        timer = setTimeout(resolve, 500);
      }),
    ]);
    clearTimeout(timer);
  });

  let lastWarn = 0;
  const Store = createFallbackStore(redis, `${opts.prefix}:rl:`, (error) => {
    const now = Date.now();
    if (now - lastWarn > 10_000) app.log.warn({ err: error }, 'rate limiter using local fallback');
    lastWarn = now;
  });

  await app.register(rateLimit, {
    global: true,
    max: opts.max,
    timeWindow: opts.windowMs,
    store: Store,
    enableDraftSpec: true,
    errorResponseBuilder: (_req, ctx) =>
      new AppError('rate_limited', `Too many requests; retry in ${ctx.after}.`),
  });
};

export default fp(rateLimitPlugin, { name: 'rate-limit' });
