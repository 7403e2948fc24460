import { createHttpMetrics, createMetricsRegistry } from '@repo/observability';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

export interface MetricsOptions {
  /** Process metrics (RSS, CPU, event loop, GC). */
  defaultMetrics?: boolean;
}

/**
 * Prometheus metrics at /metrics. Labels use the route pattern; unmatched URLs share one label
 * so a scanner cannot explode the series count.
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

  app.get(
    '/metrics',
    // Public like the probes: scraped from inside the network; the edge must not expose it.
    { config: { access: 'public', rateLimit: false, quiet: true }, schema: { hide: true } },
    async (_req, reply) => reply.header('content-type', registry.contentType).send(await registry.metrics()),
  );
};

export default fp(metrics, { name: 'metrics' });
