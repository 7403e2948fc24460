import { parseTrustProxy } from '@repo/config';
import { createLogger } from '@repo/observability';
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import pkg from '../package.json';
import { registerModules } from './modules';
import access from './plugins/access';
import apiKeyUsage from './plugins/api-key-usage';
import auth from './plugins/auth';
import bodyParser from './plugins/body-parser';
import csrf from './plugins/csrf';
import errors from './plugins/errors';
import health from './plugins/health';
import impersonationAudit from './plugins/impersonation-audit';
import metrics from './plugins/metrics';
import openapi from './plugins/openapi';
import rateLimit from './plugins/rate-limit';
import requestContext, { genReqId } from './plugins/request-context';
import security from './plugins/security';
import type { App, AppDeps } from './types';

export { AppError } from './errors';
export type { App, AppDeps } from './types';

export interface BuildOptions {
  /** Process-wide metrics (RSS, GC…); tests that build many apps may turn them off. */
  defaultMetrics?: boolean;
  /**
   * Called with the bare instance before any plugin, so hooks it adds see every route. Tests use
   * it to check each response against the OpenAPI document (openapi-conformance.test-support.ts).
   */
  instrument?: (app: App) => void;
}

/** Builds the Fastify app around the given dependencies. Does not listen (server.ts does). */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<App> {
  const { env } = deps;
  const logger = deps.logger ?? createLogger({ service: 'api', level: env.LOG_LEVEL });

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // One concise line per request is written by plugins/request-context instead.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId,
    requestIdHeader: false,
    bodyLimit: env.BODY_LIMIT_BYTES,
    requestTimeout: env.REQUEST_TIMEOUT_MS,
    // Idle sockets (slowloris) are cut a little after the request deadline.
    connectionTimeout: env.REQUEST_TIMEOUT_MS + 1_000,
    // Fastify accepts a hop count at runtime; its types only list string | boolean | string[].
    trustProxy: parseTrustProxy(env.TRUST_PROXY) as boolean | string[],
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 256 },
  }).withTypeProvider<ZodTypeProvider>();

  // Zod validates requests as sent (no coercion of bodies) and serializes responses.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  options.instrument?.(app);

  // First: its onRoute hook must see every route, including those added by plugins (ADR 0015).
  await app.register(access, { deps });

  await app.register(requestContext);
  await app.register(errors);
  await app.register(bodyParser);
  await app.register(security, { corsOrigins: env.CORS_ORIGINS });
  await app.register(metrics, { defaultMetrics: options.defaultMetrics ?? true, token: env.METRICS_TOKEN });
  await app.register(rateLimit, {
    redis: deps.redis,
    prefix: env.REDIS_PREFIX,
    max: env.RATE_LIMIT_MAX,
    windowMs: env.RATE_LIMIT_WINDOW_MS,
    apiKeyMax: env.API_KEY_RATE_LIMIT_MAX,
    apiKeyWindowMs: env.API_KEY_RATE_LIMIT_WINDOW_MS,
  });
  await app.register(openapi, {
    version: pkg.version,
    cookieSecure: env.COOKIE_SECURE,
    appUrl: env.APP_URL,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
  });
  await app.register(health, { deps });
  await app.register(auth, { deps });
  await app.register(apiKeyUsage, { deps });
  await app.register(impersonationAudit, { deps });
  await app.register(csrf, {
    appUrl: env.APP_URL,
    corsOrigins: env.CORS_ORIGINS,
    cookieSecure: env.COOKIE_SECURE,
  });
  await registerModules(app, deps);

  return app;
}
