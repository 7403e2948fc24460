/**
 * The OpenAPI document without a running server or its services (`@repo/api/openapi`), for the
 * SDK generator (packages/sdk, `pnpm sdk:generate`) and its staleness check. The app is built
 * against dependencies that are never reached: building it only registers routes and schemas;
 * nothing connects until a request arrives, and none does.
 */
import { randomBytes } from 'node:crypto';
import { loadEnv } from '@repo/config';
import { createLogger } from '@repo/observability';
import { buildApp } from './app';
import { closeDeps, createDeps } from './deps';
import { ApiEnv } from './env';

/** Addresses nothing listens on: a dependency the build does touch fails loudly instead of lingering. */
const NOWHERE = 'http://127.0.0.1:9';

export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const env = loadEnv(ApiEnv, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/none',
    REDIS_URL: 'redis://127.0.0.1:9',
    S3_ENDPOINT: NOWHERE,
    S3_ACCESS_KEY_ID: 'unused',
    S3_SECRET_ACCESS_KEY: 'unused',
    // Throwaway keys: nothing is signed or encrypted, but the schema insists on them.
    AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
    TOTP_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
  });
  const deps = createDeps(env, createLogger({ service: 'api-openapi', level: 'silent' }));
  const app = await buildApp(deps, { defaultMetrics: false });
  try {
    await app.ready();
    return structuredClone(app.swagger()) as Record<string, unknown>;
  } finally {
    await app.close();
    await closeDeps(deps);
  }
}
