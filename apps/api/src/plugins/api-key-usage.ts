import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { type AppDeps, systemClock } from '../types';

export interface ApiKeyUsagePluginOptions {
  deps: AppDeps;
}

/** lastUsedAt is a hint for humans ("used 2 minutes ago"): refreshing it at most this often spares
 * a hot key one row update per request. The daily count stays exact. */
export const LAST_USED_GRANULARITY_MS = 10_000;

/**
 * Records every request made with a verified API key (A9, docs/organizations.md), whatever its answer: one
 * statement bumps today's (UTC) counter and, when stale or from a new address, the key's
 * lastUsedAt/lastUsedIp. It runs in onResponse, after the reply is sent, so it never delays it,
 * and a failure is only logged: usage bookkeeping must never fail a request.
 */
const apiKeyUsage: FastifyPluginAsync<ApiKeyUsagePluginOptions> = async (app, { deps }) => {
  const clock = deps.clock ?? systemClock;
  // Writes still running when the app closes are awaited, so none is cut off by a closed pool.
  const pending = new Set<Promise<unknown>>();

  app.addHook('onResponse', async (request) => {
    const key = request.apiKey;
    if (!key) return;
    const now = clock.now();
    const day = now.toISOString().slice(0, 10);
    const staleBefore = new Date(now.getTime() - LAST_USED_GRANULARITY_MS);
    const write = deps.db.$executeRaw`
      WITH counted AS (
        INSERT INTO api_key_usage (api_key_id, day, count)
        VALUES (${key.id}::uuid, ${day}::date, 1)
        ON CONFLICT (api_key_id, day) DO UPDATE SET count = api_key_usage.count + 1
        RETURNING 1
      )
      UPDATE api_keys SET last_used_at = ${now}, last_used_ip = ${request.ip}
      WHERE id = ${key.id}::uuid
        AND (last_used_at IS NULL OR last_used_at < ${staleBefore} OR last_used_ip IS DISTINCT FROM ${request.ip})`
      .catch((error: unknown) => {
        request.log.warn({ err: error, apiKeyId: key.id }, 'api key usage not recorded');
      })
      .finally(() => pending.delete(write));
    pending.add(write);
  });

  app.addHook('onClose', async () => {
    await Promise.allSettled([...pending]);
  });
};

export default fp(apiKeyUsage, { name: 'api-key-usage', dependencies: ['auth'] });
