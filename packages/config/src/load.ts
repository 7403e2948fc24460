import type { z } from 'zod';

/** Thrown when the environment does not satisfy a schema; `variables` names every bad key. */
export class ConfigError extends Error {
  constructor(
    readonly variables: string[],
    readonly details: string[],
  ) {
    super(`Invalid environment configuration:\n${details.map((d) => `  - ${d}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Source = Record<string, string | undefined>;

/**
 * Parses `source` (process.env by default) with `schema`. Empty strings count as unset so that
 * `FOO=` in a .env file falls back to the default instead of failing a URL or number check.
 */
export function loadEnv<S extends z.ZodType>(schema: S, source: Source = process.env): z.output<S> {
  const cleaned: Source = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value !== '') cleaned[key] = value;
  }
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const variables = [...new Set(result.error.issues.map((i) => String(i.path[0] ?? '(root)')))];
  const details = result.error.issues.map((i) => `${String(i.path[0] ?? '(root)')}: ${i.message}`);
  throw new ConfigError(variables, details);
}

/** For process entry points: print which variables are wrong and exit(1) instead of a stack trace. */
export function loadEnvOrExit<S extends z.ZodType>(schema: S, source: Source = process.env): z.output<S> {
  try {
    return loadEnv(schema, source);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
