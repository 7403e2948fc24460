import type { components } from './generated/schema';

/** An RFC 9457 problem+json body, as every API error is sent. */
export type Problem = components['schemas']['Problem'];
/** The stable error codes of the API's catalog (the document's `Problem.code` enum). */
export type ErrorCode = Problem['code'];

/**
 * A non-2xx answer from the API. `code` is the problem's stable code, so a `switch (error.code)`
 * or `error.code === 'slug_taken'` narrows `ApiError` to the one case; `status`, `requestId`
 * and field `errors` come from the problem body.
 */
export class GroundworkApiError<Code extends ErrorCode = ErrorCode> extends Error {
  override readonly name = 'GroundworkApiError';
  readonly code: Code;
  readonly status: number;
  readonly requestId: string;
  readonly problem: Problem & { code: Code };
  /** The raw response (headers such as `Retry-After`). */
  readonly response: Response;

  constructor(problem: Problem & { code: Code }, response: Response) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.problem = problem;
    this.code = problem.code;
    this.status = problem.status;
    this.requestId = problem.requestId;
    this.response = response;
  }
}

/** The union of every error, one member per code: narrowing on `code` picks exactly one. */
export type ApiError = { [Code in ErrorCode]: GroundworkApiError<Code> }[ErrorCode];

/** True for an API error, and with `codes` only for one of those codes (narrowed accordingly). */
export function isApiError<Code extends ErrorCode = ErrorCode>(
  error: unknown,
  ...codes: Code[]
): error is GroundworkApiError<Code> {
  return error instanceof GroundworkApiError && (codes.length === 0 || codes.includes(error.code as Code));
}

const isProblem = (body: unknown): body is Problem =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as Problem).code === 'string' &&
  typeof (body as Problem).status === 'number';

/**
 * The error for a failed response. A body that is not a problem (a proxy's HTML page, an empty
 * 502) still becomes a `GroundworkApiError`, with the status as sent and a code from it, so callers
 * handle one error type.
 */
export function toApiError(body: unknown, response: Response): ApiError {
  if (isProblem(body)) return new GroundworkApiError(body, response) as ApiError;
  const code: ErrorCode =
    response.status === 401
      ? 'unauthorized'
      : response.status === 404
        ? 'not_found'
        : response.status === 429
          ? 'rate_limited'
          : response.status >= 500
            ? 'service_unavailable'
            : 'bad_request';
  const problem: Problem = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    code,
    requestId: response.headers.get('x-request-id') ?? '',
  };
  return new GroundworkApiError(problem, response) as ApiError;
}
