/**
 * OpenTelemetry bootstrap. Must run before the instrumented libraries (http, pg, ioredis) are
 * imported, so entry points call it first and load the application with a dynamic import().
 *
 * Pinned to the 0.223 SDK line: 0.300+ requires Node 22 and we support Node 20.19+ (ADR 0004).
 */
export interface TelemetryOptions {
  serviceName: string;
  /** OTLP/HTTP base URL (e.g. http://localhost:4318). Tracing is disabled when absent. */
  endpoint?: string | undefined;
}

export interface Telemetry {
  enabled: boolean;
  /** Flushes pending spans; safe to call when disabled. */
  shutdown(): Promise<void>;
}

const disabled: Telemetry = { enabled: false, shutdown: async () => {} };

export async function initTelemetry({ serviceName, endpoint }: TelemetryOptions): Promise<Telemetry> {
  // Zero cost by default: nothing is imported unless an exporter endpoint is configured.
  if (!endpoint) return disabled;

  const [{ NodeSDK }, { OTLPTraceExporter }, { resourceFromAttributes }, semconv, http, pg, ioredis] =
    await Promise.all([
      import('@opentelemetry/sdk-node'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/semantic-conventions'),
      import('@opentelemetry/instrumentation-http'),
      import('@opentelemetry/instrumentation-pg'),
      import('@opentelemetry/instrumentation-ioredis'),
    ]);

  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ [semconv.ATTR_SERVICE_NAME]: serviceName }),
    traceExporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }),
    instrumentations: [
      new http.HttpInstrumentation({
        // Probes and scrapes would drown real traffic in traces.
        ignoreIncomingRequestHook: (req) => /^\/(healthz|readyz|metrics)\b/.test(req.url ?? ''),
      }),
      new pg.PgInstrumentation(),
      new ioredis.IORedisInstrumentation(),
    ],
  });
  sdk.start();
  return { enabled: true, shutdown: () => sdk.shutdown() };
}
