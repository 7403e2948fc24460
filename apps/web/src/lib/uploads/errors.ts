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
