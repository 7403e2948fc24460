import { MissingEtagError, TransferError } from './errors';
import { completeParts, type PartRange, partRanges, type StoredPart } from './plan';
import { isAbort, type Transfer } from './transfer';

export { MissingEtagError };

/**
 * One file's upload, straight from the browser to the object store (ADR 0035). The API creates the
 * upload and its server-generated key, signs each request just before it is sent, and completes
 * it; the bytes never pass through the API.
 *
 * - Small files: one presigned POST form (the store enforces size, type and key from its policy).
 * - Large files: multipart, one part at a time, each part signed right before it goes. Pausing
 *   aborts the part in flight and keeps the finished ones; resuming sends only what is missing,
 *   even after a page reload: `findResumable` finds the upload the server remembers for the same
 *   file and ListParts tells which parts the store already has.
 * - Cancel aborts the request in flight and asks the API to abort the upload.
 */

export type UploadStatus = 'queued' | 'uploading' | 'paused' | 'completing' | 'done' | 'failed' | 'canceled';

export interface FileInfo {
  name: string;
  size: number;
  /** The declared media type (the browser's guess, or application/octet-stream). */
  type: string;
}

export type StartedUpload =
  | { fileId: string; method: 'post'; url: string; fields: Record<string, string> }
  | { fileId: string; method: 'multipart'; partSize: number; partCount: number };

export interface Resumable {
  fileId: string;
  partSize: number;
  stored: StoredPart[];
}

export interface UploadTransport<R> {
  /** Creates the upload (the API's presign step). Throws the API's error (file_too_large …). */
  start(file: FileInfo, signal: AbortSignal): Promise<StartedUpload>;
  /**
   * A multipart upload of this same file the server still holds open, with the parts the store
   * has (ListParts), to resume; null if none.
   */
  findResumable?(file: FileInfo, signal: AbortSignal): Promise<Resumable | null>;
  signParts(
    fileId: string,
    partNumbers: number[],
    signal: AbortSignal,
  ): Promise<{ partNumber: number; url: string }[]>;
  complete(
    fileId: string,
    parts: { partNumber: number; etag: string }[] | undefined,
    signal: AbortSignal,
  ): Promise<R>;
  abort(fileId: string): Promise<void>;
}

/** Waits `ms`, or rejects at once with an AbortError when `signal` fires. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Back-off between tries of one part after a network or server error (then the upload fails). */
export const RETRY_DELAYS_MS = [1_000, 3_000, 8_000];

let nextId = 0;

export class UploadTask<R = unknown> {
  readonly id = `upload-${++nextId}`;
  readonly info: FileInfo;
  status: UploadStatus = 'queued';
  /** Bytes the store has acknowledged, plus the part in flight. */
  uploaded = 0;
  error: unknown = null;
  /** The API's file id, once the upload was created (or found to resume). */
  fileId: string | null = null;
  /** This upload continues one started earlier (another page load). */
  resumed = false;
  /** What `complete` answered. */
  result: R | null = null;

  private started: StartedUpload | null = null;
  private readonly done = new Map<number, string>();
  /** The parts the store already had when this upload was resumed, checked against our ranges. */
  private stored: StoredPart[] = [];
  private controller: AbortController | null = null;

  constructor(
    readonly file: Blob & { name: string },
    private readonly transport: UploadTransport<R>,
    private readonly transfer: Transfer,
    private readonly onChange: (task: UploadTask<R>) => void,
    private readonly delays: number[] = RETRY_DELAYS_MS,
  ) {
    this.info = { name: file.name, size: file.size, type: file.type || 'application/octet-stream' };
  }

  get active(): boolean {
    return this.status === 'uploading' || this.status === 'completing';
  }

  /** Runs (or continues) the upload until it is done, fails, or is paused or canceled. */
  async run(): Promise<void> {
    if (this.status !== 'queued' && this.status !== 'paused' && this.status !== 'failed') return;
    const controller = new AbortController();
    this.controller = controller;
    const { signal } = controller;
    this.error = null;
    this.set('uploading');
    try {
      const started = await this.ensureStarted(signal);
      const parts =
        started.method === 'post' ? await this.post(started, signal) : await this.multipart(started, signal);
      this.set('completing');
      this.result = await this.transport.complete(started.fileId, parts, signal);
      this.uploaded = this.info.size;
      this.set('done');
    } catch (error) {
      // A pause or cancel already set the status; the aborted request is not a failure.
      if (signal.aborted || isAbort(error)) return;
      this.error = error;
      this.set('failed');
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }

  /** Stops sending; the finished parts stay (multipart), a small file starts over on resume. */
  pause(): void {
    if (this.status !== 'uploading' && this.status !== 'queued') return;
    this.controller?.abort();
    this.set('paused');
  }

  /** Stops for good and asks the API to abort the upload (objects and parts are deleted). */
  async cancel(): Promise<void> {
    if (this.status === 'done' || this.status === 'canceled' || this.status === 'completing') return;
    this.controller?.abort();
    this.set('canceled');
    if (this.fileId) await this.transport.abort(this.fileId).catch(() => undefined);
  }

  private set(status: UploadStatus) {
    this.status = status;
    this.onChange(this);
  }

  private progress(uploaded: number) {
    this.uploaded = uploaded;
    this.onChange(this);
  }

  private async ensureStarted(signal: AbortSignal): Promise<StartedUpload> {
    if (this.started) return this.started;
    const found = await this.transport.findResumable?.(this.info, signal);
    if (found) {
      this.resumed = true;
      this.stored = found.stored;
      this.started = {
        fileId: found.fileId,
        method: 'multipart',
        partSize: found.partSize,
        partCount: Math.ceil(this.info.size / found.partSize),
      };
    } else {
      this.started = await this.transport.start(this.info, signal);
    }
    this.fileId = this.started.fileId;
    this.onChange(this);
    return this.started;
  }

  private async post(started: Extract<StartedUpload, { method: 'post' }>, signal: AbortSignal) {
    const form = new FormData();
    for (const [name, value] of Object.entries(started.fields)) form.append(name, value);
    // The file goes last: S3 ignores every field after it.
    form.append('file', this.file);
    this.progress(0);
    await this.transfer({
      method: 'POST',
      url: started.url,
      body: form,
      signal,
      // The form adds a few hundred bytes of fields; never show more than the file.
      onProgress: (loaded) => this.progress(Math.min(loaded, this.info.size)),
    });
    return undefined;
  }

  private async multipart(started: Extract<StartedUpload, { method: 'multipart' }>, signal: AbortSignal) {
    const ranges = partRanges(this.info.size, started.partSize);
    for (const [n, etag] of completeParts(ranges, this.stored)) this.done.set(n, etag);
    this.stored = [];
    const sizeOf = (n: number) => {
      const r = ranges[n - 1];
      return r ? r.end - r.start : 0;
    };
    const acknowledged = () => [...this.done.keys()].reduce((sum, n) => sum + sizeOf(n), 0);
    this.progress(acknowledged());
    for (const range of ranges) {
      if (this.done.has(range.partNumber)) continue;
      const base = acknowledged();
      const etag = await this.sendPart(started.fileId, range, signal, (loaded) =>
        this.progress(base + loaded),
      );
      this.done.set(range.partNumber, etag);
      this.progress(acknowledged());
    }
    return [...this.done.entries()]
      .sort(([a], [b]) => a - b)
      .map(([partNumber, etag]) => ({ partNumber, etag }));
  }

  /** One part: signed just before it is sent, tried again (re-signed) after a transient failure. */
  private async sendPart(
    fileId: string,
    range: PartRange,
    signal: AbortSignal,
    onProgress: (loaded: number) => void,
  ): Promise<string> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const [signed] = await this.transport.signParts(fileId, [range.partNumber], signal);
        if (!signed) throw new TransferError(0);
        const { etag } = await this.transfer({
          method: 'PUT',
          url: signed.url,
          body: this.file.slice(range.start, range.end),
          signal,
          onProgress,
        });
        if (!etag) throw new MissingEtagError();
        return etag;
      } catch (error) {
        const delay = this.delays[attempt];
        if (!(error instanceof TransferError && error.retryable) || delay === undefined || signal.aborted)
          throw error;
        onProgress(0);
        await wait(delay, signal);
      }
    }
  }
}
