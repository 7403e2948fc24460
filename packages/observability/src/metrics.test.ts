import { describe, expect, it } from 'vitest';
import { createHttpMetrics, createMetricsRegistry } from './metrics';

describe('metrics', () => {
  it('exposes request counters and histograms in Prometheus text format', async () => {
    const registry = createMetricsRegistry({ service: 'test', defaultMetrics: false });
    const http = createHttpMetrics(registry);
    http.requests.inc({ method: 'GET', route: '/v1/meta', status: '200' });
    http.duration.observe({ method: 'GET', route: '/v1/meta', status: '200' }, 0.012);
    const text = await registry.metrics();
    expect(text).toContain(
      'http_requests_total{method="GET",route="/v1/meta",status="200",service="test"} 1',
    );
    expect(text).toContain(
      'http_request_duration_seconds_bucket{le="0.025",service="test",method="GET",route="/v1/meta",status="200"} 1',
    );
  });

  it('keeps registries independent, so several apps can live in one process', () => {
    const a = createMetricsRegistry({ service: 'a', defaultMetrics: false });
    const b = createMetricsRegistry({ service: 'b', defaultMetrics: false });
    expect(() => {
      createHttpMetrics(a);
      createHttpMetrics(b);
    }).not.toThrow();
  });
});
