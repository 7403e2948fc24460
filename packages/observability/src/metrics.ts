import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export { Registry };

export interface MetricsOptions {
  /** Added as a `service` label to every metric so api and worker series never collide. */
  service: string;
  /** Process metrics (CPU, RSS, event-loop lag, GC). Off in unit tests that build many registries. */
  defaultMetrics?: boolean;
}

/**
 * One registry per process role (api, worker), never prom-client's global one: tests build many
 * apps in one process and the global registry would throw on duplicate metric names.
 */
export function createMetricsRegistry({ service, defaultMetrics = true }: MetricsOptions): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (defaultMetrics) collectDefaultMetrics({ register: registry });
  return registry;
}

export interface HttpMetrics {
  requests: Counter<'method' | 'route' | 'status'>;
  duration: Histogram<'method' | 'route' | 'status'>;
}

/**
 * Request count and latency labelled by the route *pattern* (`/v1/users/:id`), never the raw URL,
 * so label cardinality stays bounded whatever clients send.
 */
export function createHttpMetrics(registry: Registry): HttpMetrics {
  const labelNames = ['method', 'route', 'status'] as const;
  return {
    requests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests handled, by route pattern and status code',
      labelNames,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by route pattern and status code',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}
