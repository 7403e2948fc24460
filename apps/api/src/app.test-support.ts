import { loadEnv } from '@repo/config';
import { createLogger, type Logger } from '@repo/observability';
import { testEnv } from '@repo/testing';
import { afterEach } from 'vitest';
import { buildApp } from './app';
import { closeDeps, createDeps } from './deps';
import { ApiEnv } from './env';
import { installConformanceCheck } from './openapi-conformance.test-support';
import { setDefaultAccess } from './plugins/access';
import type { App, AppDeps } from './types';

export interface TestApp {
  app: App;
  deps: AppDeps;
  close(): Promise<void>;
}

/**
 * Builds the real app against the integration devstack (env from @repo/testing), with overrides
 * for the case under test, e.g. `{ S3_ENDPOINT: 'http://127.0.0.1:1' }` for a dead dependency.
 */
export async function buildTestApp(
  overrides: Record<string, string | undefined> = {},
  options: { logger?: Logger; routes?: (app: App) => void } = {},
): Promise<TestApp> {
  const raw = testEnv({ LOG_LEVEL: 'silent', ...overrides });
  const env = loadEnv(ApiEnv, raw);
  const logger = options.logger ?? createLogger({ service: 'api-test', level: env.LOG_LEVEL });
  const deps = createDeps(env, logger);
  let conformance: { violations: string[] } | undefined;
  const app = await buildApp(deps, {
    defaultMetrics: false,
    instrument: (bare) => {
      conformance = installConformanceCheck(bare, raw.GROUNDWORK_TEST_RUN_ID);
    },
  });
  // Test-only routes go under /test so they can never collide with real ones. They are public
  // unless they declare otherwise (production routes must always declare, ADR 0015).
  if (options.routes)
    await app.register(
      async (scope) => {
        setDefaultAccess(scope, 'public');
        await options.routes?.(scope as App);
      },
      { prefix: '/test' },
    );
  await app.ready();
  return {
    app,
    deps,
    close: async () => {
      await app.close();
      await closeDeps(deps);
      // Every response this app sent is checked against the document (ADR 0031).
      const violations = [...new Set(conformance?.violations ?? [])];
      if (violations.length > 0)
        throw new Error(`Responses that do not match the OpenAPI document:\n- ${violations.join('\n- ')}`);
    },
  };
}

/**
 * For test files that build several apps: `const app = useTestApps();` then `await app({...})`
 * in each test; every app built is closed after its test, even when the test fails.
 * `defaults` is called per app, so it can hand out fresh values (e.g. a Redis prefix).
 */
export function useTestApps(defaults: () => Record<string, string | undefined> = () => ({})) {
  const open: TestApp[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
  });
  return async (
    overrides: Record<string, string | undefined> = {},
    options: Parameters<typeof buildTestApp>[1] = {},
  ): Promise<TestApp> => {
    const t = await buildTestApp({ ...defaults(), ...overrides }, options);
    open.push(t);
    return t;
  };
}
