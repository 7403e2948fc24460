/**
 * Thrown when PostgreSQL cannot be reached (refused, timed out, shutting down, too many
 * connections). The API maps it to 503 so clients retry instead of seeing a 500.
 */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  readonly code = 'DATABASE_UNAVAILABLE';

  constructor(message = 'The database is unavailable', options?: { cause?: unknown }) {
    super(message, options);
  }
}

// Node socket errors and PostgreSQL SQLSTATEs that mean "not reachable right now",
// as opposed to a bad query. 57P01-57P03: admin shutdown / crash shutdown / cannot
// connect now; 53300: too many connections; 08xxx: connection exceptions.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
]);
const SQLSTATE_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
// Prisma's own codes: P1001 can't reach server, P1002 timed out, P1017 server closed
// the connection, P2024 timed out fetching a connection from the pool.
const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1017', 'P2024']);

function codesOf(error: unknown, depth = 0): string[] {
  if (depth > 5 || typeof error !== 'object' || error === null) return [];
  const e = error as {
    code?: unknown;
    errorCode?: unknown;
    cause?: unknown;
    meta?: unknown;
    errors?: unknown;
  };
  const own = [e.code, e.errorCode].filter((c): c is string => typeof c === 'string');
  const nested = Array.isArray(e.errors) ? e.errors.flatMap((x) => codesOf(x, depth + 1)) : [];
  return [...own, ...nested, ...codesOf(e.cause, depth + 1), ...codesOf(e.meta, depth + 1)];
}

/** True when `error` (a Prisma, pg or socket error, possibly wrapped) means the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const codes = codesOf(error);
  if (codes.some((c) => NETWORK_CODES.has(c) || PRISMA_UNAVAILABLE.has(c) || SQLSTATE_UNAVAILABLE.test(c)))
    return true;
  // The pg driver reports some connection failures only through the message.
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(message);
}

/** Rethrows connection failures as DatabaseUnavailableError; other errors unchanged. */
export function toDatabaseError(error: unknown): unknown {
  if (error instanceof DatabaseUnavailableError || !isDatabaseUnavailable(error)) return error;
  return new DatabaseUnavailableError(undefined, { cause: error });
}
