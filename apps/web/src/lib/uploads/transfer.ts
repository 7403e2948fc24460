import { TransferError } from './errors';

export { TransferError };

/**
 * One request of file bytes straight to the object store (a presigned POST form or a presigned
 * UploadPart PUT), through XMLHttpRequest: fetch() still reports no upload progress. No cookies go
 * with it (another origin) and nothing here knows about the API.
 */

export interface TransferRequest {
  method: 'POST' | 'PUT';
  url: string;
  body: Blob | FormData;
  signal: AbortSignal;
  /** Bytes of `body` sent so far. */
  onProgress: (loaded: number) => void;
}

export interface TransferResult {
  /** The object's (or part's) ETag, when the store exposes it (bucket CORS `ExposeHeaders: ETag`). */
  etag: string | null;
}

export type Transfer = (request: TransferRequest) => Promise<TransferResult>;

/** The browser's transfer. Rejects with an AbortError when `signal` fires, TransferError otherwise. */
export const xhrTransfer: Transfer = ({ method, url, body, signal, onProgress }) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new DOMException('Aborted', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal.removeEventListener('abort', onAbort);
    xhr.upload.addEventListener('progress', (event) => onProgress(event.loaded));
    xhr.addEventListener('load', () => {
      settle();
      if (xhr.status >= 200 && xhr.status < 300) resolve({ etag: xhr.getResponseHeader('ETag') });
      else reject(new TransferError(xhr.status));
    });
    xhr.addEventListener('error', () => {
      settle();
      reject(new TransferError(0));
    });
    xhr.addEventListener('abort', () => {
      settle();
      reject(new DOMException('Aborted', 'AbortError'));
    });
    xhr.open(method, url);
    xhr.send(body);
  });

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
