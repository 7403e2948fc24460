import { ErrorCode } from '@repo/contracts';

export interface FieldIssue {
  path: string;
  message: string;
  code: string;
}

export interface AppErrorOptions {
  cause?: unknown;
  errors?: FieldIssue[];
  /** Extra response headers, e.g. Retry-After on 503/429. */
  headers?: Record<string, string>;
}

/**
 * The one error type services throw. `code` is a stable contract (`@repo/contracts` ErrorCode)
 * and determines the status; `detail` is shown to clients, so never put internals in it.
 */
export class AppError extends Error {
  readonly status: number;
  readonly errors: FieldIssue[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    options: AppErrorOptions = {},
  ) {
    super(detail ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.status = ErrorCode[code];
    this.errors = options.errors;
    this.headers = options.headers;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
