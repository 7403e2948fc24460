import { once } from 'node:events';
import rateLimit from '@fastify/rate-limit';
import { isOrgPermission } from '@repo/contracts';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { AppError } from '../errors';
import { createFallbackStore } from '../lib/fallback-store';
import { ipKey } from '../lib/ip-key';

export interface RateLimitOptions {
  redis: Redis;
  prefix: string;
  max: number;
  windowMs: number;
  /** Budget of each verified API key (API_KEY_RATE_LIMIT_*), instead of its caller's IP budget. */
  apiKeyMax: number;
  apiKeyWindowMs: number;
}

/**
 * Whether the request is charged to its API key: only on organization routes, the only ones a
 * key can act on. Elsewhere (public routes above all) a key is not the caller, and charging it
 * would let anyone with many keys multiply their per-IP budget.
 */
function chargedToKey(request: FastifyRequest): boolean {
  const access = request.routeOptions.config?.access;
  return request.apiKey !== null && typeof access === 'object' && isOrgPermission(access.permission);
}

/** The counter a request is charged to: its verified API key's (organization routes), else its address's. */
export function rateLimitKey(request: FastifyRequest): string {
  return chargedToKey(request) && request.apiKey ? `key:${request.apiKey.id}` : ipKey(request.ip);
}

/**
 * Global per-IP limit (RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS); a route overrides it with
 * `config: { rateLimit: { max, timeWindow } }` or opts out with `config: { rateLimit: false }`.
 * Requests authenticated by a verified API key are charged to that key instead (its own
 * API_KEY_RATE_LIMIT_MAX per API_KEY_RATE_LIMIT_WINDOW_MS, A9): one busy integration behind a
 * shared egress IP neither starves nor is starved by its neighbours. An invalid key is not an
 * identity, so it stays on the IP budget. Headers follow the IETF draft
 * (RateLimit-Limit/-Remaining/-Reset, Retry-After on 429).
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
    // The limiter runs as a route-level onRequest hook, after the global auth hook has verified
    // the bearer credential (see the reordering below), so request.apiKey is known here.
    max: (request) => (chargedToKey(request) ? opts.apiKeyMax : opts.max),
    timeWindow: (request) => (chargedToKey(request) ? opts.apiKeyWindowMs : opts.windowMs),
    keyGenerator: rateLimitKey,
    store: Store,
    enableDraftSpec: true,
    errorResponseBuilder: (_req, ctx) =>
      new AppError('rate_limited', `Too many requests; retry in ${ctx.after}.`),
  });

  // @fastify/rate-limit appends its hook to each route's onRequest list, behind the access guard
  // (plugins/access.ts) that an earlier onRoute hook put there; a refused caller would then never
  // be counted, and floods of bad tokens or keys on guarded routes would go unlimited. Move the
  // limiter to the front: global hooks (auth) → limiter → access guard → route hooks.
  app.addHook('onRoute', (route) => {
    if (route.config?.rateLimit === false || !route.onRequest) return;
    const hooks = [route.onRequest].flat();
    const limiter = hooks.pop();
    if (limiter && hooks.length > 0) route.onRequest = [limiter, ...hooks];
  });
};

export default fp(rateLimitPlugin, { name: 'rate-limit' });
