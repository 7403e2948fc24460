import { createHash, timingSafeEqual } from 'node:crypto';
import { createHttpMetrics, createMetricsRegistry } from '@repo/observability';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';

export interface MetricsOptions {
  /** Process metrics (RSS, CPU, event loop, GC). */
  defaultMetrics?: boolean;
  /** METRICS_TOKEN: the scraper's bearer token. Without one, /metrics is not served at all. */
  token?: string;
}

// Hashing both sides gives equal lengths, so the comparison leaks neither content nor length.
const digest = (value: string) => createHash('sha256').update(value).digest();

/** `Authorization: Bearer <token>` matches, compared in constant time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer (\S+)$/i.exec(header ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

/**
 * Prometheus metrics at /metrics, behind a bearer token: they reveal per-route traffic (sign-in
 * failures, admin hits) and runtime details. Labels use the route pattern; unmatched URLs share
 * one label so a scanner cannot explode the series count.
 */
const metrics: FastifyPluginAsync<MetricsOptions> = async (app, opts) => {
  const registry = createMetricsRegistry({ service: 'api', defaultMetrics: opts.defaultMetrics ?? true });
  const http = createHttpMetrics(registry);

  app.addHook('onResponse', async (req, reply) => {
    if (req.routeOptions.config?.quiet) return;
    const labels = {
      method: req.method,
      route: req.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    };
    http.requests.inc(labels);
    http.duration.observe(labels, reply.elapsedTime / 1000);
  });

  const { token } = opts;
  if (!token) return;
  app.get(
    '/metrics',
    // No session or API key: the scraper proves itself with METRICS_TOKEN instead.
    { config: { access: 'public', rateLimit: false, quiet: true }, schema: { hide: true } },
    async (req, reply) => {
      if (!bearerMatches(req.headers.authorization, token)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new AppError('unauthorized', 'Metrics need the bearer token set in METRICS_TOKEN.');
      }
      return reply.header('content-type', registry.contentType).send(await registry.metrics());
    },
  );
};

export default fp(metrics, { name: 'metrics' });
