/**
 * What an upload can fail with besides the API's own errors. Kept apart from the engine so the
 * page can name these errors without loading the engine (it is imported on the first file).
 */

/** The store refused the bytes (policy, expired signature) or could not be reached. */
export class TransferError extends Error {
  /** 0 when no answer arrived (network down, CORS refusal). */
  readonly status: number;
  constructor(status: number) {
    super(status === 0 ? 'object store unreachable' : `object store answered ${status}`);
    this.name = 'TransferError';
    this.status = status;
  }

  /** Worth another try: no answer, a timeout, throttling or a server error. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** The ETag of an uploaded part could not be read: the bucket's CORS must expose it. */
export class MissingEtagError extends Error {
  constructor() {
    super('the object store did not expose the ETag header');
    this.name = 'MissingEtagError';
  }
}

/**
 * Whether trying an upload again can help: the network or the store failed, or the API was
 * unavailable. Not for the API's refusals (empty file, too large, quota, type), which would fail
 * the same way, nor for an ETag the bucket's CORS hides.
 */
export function worthRetrying(error: unknown): boolean {
  if (error instanceof MissingEtagError) return false;
  if (error instanceof TransferError) return true;
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status !== 'number' || status === 0 || status === 408 || status === 429 || status >= 500;
}
