/**
 * When a failed delivery is tried again. The default spreads eight attempts over about a day:
 * at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after the previous one. Each wait
 * gets ±20 % jitter so endpoints that failed together do not retry in lockstep.
 */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

const JITTER = 0.2;
/** A receiver's Retry-After is honoured up to this; beyond it the schedule's wait applies. */
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/**
 * The wait before attempt `attempt` (1-based: attempt 1 is the first try), or null when the
 * schedule is exhausted. `retryAfterMs` (from a 429/503) replaces a shorter scheduled wait.
 */
export function retryDelay(
  attempt: number,
  opts: { schedule?: readonly number[]; retryAfterMs?: number | null; random?: () => number } = {},
): number | null {
  const schedule = opts.schedule ?? DEFAULT_RETRY_SCHEDULE_MS;
  const base = schedule[attempt - 1];
  if (base === undefined) return null;
  const random = opts.random ?? Math.random;
  const jittered = Math.round(base * (1 + JITTER * (2 * random() - 1)));
  const asked = opts.retryAfterMs;
  if (asked != null && asked > jittered && asked <= MAX_RETRY_AFTER_MS) return asked;
  return jittered;
}

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined | null, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // HTTP dates are always GMT (RFC 9110); anything else is not a Retry-After value.
  const at = /GMT$/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}

export type AttemptOutcome =
  | { kind: 'delivered' }
  /** 410 Gone: the receiver says the endpoint is no more; it is disabled, not retried. */
  | { kind: 'gone' }
  | { kind: 'failed'; retryAfterMs: number | null };

/** What one HTTP answer means. 3xx is a failure: redirects are never followed. */
export function classifyResponse(
  status: number,
  headers: { 'retry-after'?: string | string[] | undefined },
  now: Date,
): AttemptOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 410) return { kind: 'gone' };
  const header = headers['retry-after'];
  const retryAfter = Array.isArray(header) ? header[0] : header;
  const honoured = status === 429 || status === 503 ? parseRetryAfter(retryAfter, now) : null;
  return { kind: 'failed', retryAfterMs: honoured };
}
