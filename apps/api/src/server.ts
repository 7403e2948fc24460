/**
 * Process entry point: env → telemetry → app → listen, and graceful shutdown.
 * Telemetry starts before the app is imported (dynamic import below) so that http, pg and
 * ioredis are instrumented when they load.
 */
import { initTelemetry } from '@repo/observability/otel';
import { loadApiEnv } from './env';

const env = loadApiEnv();
const telemetry = await initTelemetry({
  serviceName: env.OTEL_SERVICE_NAME ?? 'groundwork-api',
  endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
});

const [{ default: closeWithGrace }, { buildApp }, { closeDeps, createDeps }] = await Promise.all([
  import('close-with-grace'),
  import('./app'),
  import('./deps'),
]);

const deps = createDeps(env);
const app = await buildApp(deps);

// SIGTERM/SIGINT: stop accepting, let in-flight requests finish (app.close waits for them and
// answers 503 to new ones meanwhile), then close connections. A second signal or the delay
// forces the exit.
closeWithGrace({ delay: env.REQUEST_TIMEOUT_MS + 5_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an uncaught error');
  else app.log.info({ signal }, 'shutting down');
  await app.close();
  await closeDeps(deps);
  await telemetry.shutdown();
});

try {
  await app.listen({ host: env.API_HOST, port: env.API_PORT });
} catch (error) {
  app.log.fatal({ err: error }, 'could not start');
  await closeDeps(deps);
  process.exit(1);
}
