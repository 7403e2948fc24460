import { createLogger } from '@repo/observability';
import { initTelemetry } from '@repo/observability/otel';
import { loadWorkerEnv } from './env';

/** A drain longer than this is stuck: exit non-zero and let the orchestrator restart us. */
const SHUTDOWN_TIMEOUT_MS = 30_000;

const env = loadWorkerEnv();
// Telemetry first: instrumentations patch pg/ioredis/http only if loaded before them.
const telemetry = await initTelemetry({
  serviceName: env.OTEL_SERVICE_NAME ?? 'groundwork-worker',
  endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
});
const logger = createLogger({
  service: 'worker',
  level: env.LOG_LEVEL,
  pretty: env.NODE_ENV === 'development' && process.stdout.isTTY,
});
const { startWorker } = await import('./worker');

let worker: Awaited<ReturnType<typeof startWorker>>;
try {
  worker = await startWorker(env, logger);
} catch (error) {
  logger.fatal({ err: error }, 'worker failed to start');
  await telemetry.shutdown();
  process.exit(1);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'worker draining');
  const force = setTimeout(() => {
    logger.error('drain timed out; exiting');
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS);
  force.unref();
  try {
    await worker.stop();
    await telemetry.shutdown();
    logger.info('worker stopped');
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'worker shutdown failed');
    process.exit(1);
  }
}

process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
