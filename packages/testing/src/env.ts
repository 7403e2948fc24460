/**
 * The current environment as a plain record — in integration tests it holds this worker's
 * DATABASE_URL and REDIS_PREFIX plus every devstack URL. Pass it (with overrides) to an app's
 * env loader instead of mutating process.env in a test.
 */
export function testEnv(
  overrides: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return { ...process.env, ...overrides };
}
