import { Problem } from '@repo/contracts';

export type FieldIssue = { path: string; message: string; code: string };

/**
 * An API answer that is not 2xx, as the RFC 9457 problem+json the API sends (or a synthetic one
 * when the body is not a problem: network failure, proxy HTML page). UI code branches on `code`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly errors: FieldIssue[];
  /** Seconds from the Retry-After header (rate limits, lockouts), when the API sent one. */
  readonly retryAfter?: number;
  readonly requestId?: string;

  constructor(init: {
    status: number;
    code: string;
    detail?: string;
    errors?: FieldIssue[];
    retryAfter?: number;
    requestId?: string;
  }) {
    super(`${init.status} ${init.code}${init.detail ? `: ${init.detail}` : ''}`);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.retryAfter = init.retryAfter;
    this.requestId = init.requestId;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Builds the typed error from a non-2xx response; never throws. */
export async function apiErrorFromResponse(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  const problem = Problem.safeParse(body);
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
  if (!problem.success) {
    return new ApiError({
      status: res.status,
      code: res.status === 429 ? 'rate_limited' : 'internal_error',
      retryAfter,
    });
  }
  const { status, code, detail, errors, requestId } = problem.data;
  return new ApiError({ status, code, detail, errors, retryAfter, requestId });
}

/** A request that never got an HTTP answer. */
export function networkError(): ApiError {
  return new ApiError({ status: 0, code: 'network_error' });
}
