import { describe, expect, it } from 'vitest';
import { worthRetrying } from './errors';
import type { StoredPart } from './plan';
import { TransferError, type TransferRequest } from './transfer';
import { MissingEtagError, type StartedUpload, UploadTask, type UploadTransport } from './upload-task';

/**
 * The upload task's protocol against a scripted API and store: which requests it makes, in what
 * order, and what it does on pause, resume, cancel and failures. The real API and object store are
 * covered by the Playwright spec (e2e/files.spec.ts).
 */

type Log = string[];

function file(size: number, name = 'data.bin', type = 'application/x-test') {
  return new File([new Uint8Array(size)], name, { type });
}

function api(log: Log, started: StartedUpload, options: { stored?: StoredPart[]; resumable?: boolean } = {}) {
  const transport: UploadTransport<{ id: string }> = {
    start: async (info) => {
      log.push(`start ${info.name} ${info.size} ${info.type}`);
      return started;
    },
    findResumable: async () => {
      log.push('find');
      if (!(options.resumable && started.method === 'multipart')) return null;
      log.push(`list ${started.fileId}`);
      return { fileId: started.fileId, partSize: started.partSize, stored: options.stored ?? [] };
    },
    signParts: async (id, numbers) => {
      log.push(`sign ${numbers.join(',')}`);
      return numbers.map((partNumber) => ({ partNumber, url: `https://store/${id}?part=${partNumber}` }));
    },
    complete: async (id, parts) => {
      log.push(`complete ${id} ${parts ? parts.map((p) => `${p.partNumber}=${p.etag}`).join(',') : '-'}`);
      return { id };
    },
    abort: async (id) => {
      log.push(`abort ${id}`);
    },
  };
  return transport;
}

/** A store that answers each request with `answer(request)` and records it. */
function store(
  log: Log,
  answer: (req: TransferRequest) => Promise<{ etag: string | null }> | undefined = () => undefined,
) {
  return async (req: TransferRequest) => {
    const size = req.body instanceof Blob ? req.body.size : 'form';
    log.push(`${req.method} ${req.url} ${size}`);
    const custom = answer(req);
    if (custom) return custom;
    req.onProgress(req.body instanceof Blob ? req.body.size : 0);
    return { etag: `"${req.url.split('=').at(-1)}"` };
  };
}

const multipart: StartedUpload = { fileId: 'f1', method: 'multipart', partSize: 8, partCount: 3 };

describe('UploadTask', () => {
  it('sends a small file as one POST form with the signed fields, then completes it', async () => {
    const log: Log = [];
    let form: FormData | null = null;
    const started: StartedUpload = {
      fileId: 'p1',
      method: 'post',
      url: 'https://store/bucket',
      fields: { key: 'o/1/p1' },
    };
    const task = new UploadTask(
      file(5, 'a.png', 'image/png'),
      api(log, started),
      store(log, (req) => {
        form = req.body as FormData;
        req.onProgress(5000); // the form's fields count too: never more than the file
        expect(task.uploaded).toBe(5);
        return Promise.resolve({ etag: null });
      }),
      () => {},
    );
    await task.run();
    expect(log).toEqual([
      'find',
      'start a.png 5 image/png',
      'POST https://store/bucket form',
      'complete p1 -',
    ]);
    expect([...(form as unknown as FormData).keys()]).toEqual(['key', 'file']);
    expect(task.status).toBe('done');
    expect(task.result).toEqual({ id: 'p1' });
  });

  it('sends the parts one by one, each signed just before it goes, and completes with their ETags', async () => {
    const log: Log = [];
    const task = new UploadTask(file(20), api(log, multipart), store(log), () => {});
    await task.run();
    expect(log).toEqual([
      'find',
      'start data.bin 20 application/x-test',
      'sign 1',
      'PUT https://store/f1?part=1 8',
      'sign 2',
      'PUT https://store/f1?part=2 8',
      'sign 3',
      'PUT https://store/f1?part=3 4',
      'complete f1 1="1",2="2",3="3"',
    ]);
    expect(task.uploaded).toBe(20);
  });

  it('resumes an upload the server holds: lists the parts and sends only the missing ones', async () => {
    const log: Log = [];
    const stored = [{ partNumber: 1, size: 8, etag: '"old1"' }];
    const task = new UploadTask(
      file(20),
      api(log, multipart, { stored, resumable: true }),
      store(log),
      () => {},
    );
    await task.run();
    expect(task.resumed).toBe(true);
    expect(log).toEqual([
      'find',
      'list f1',
      'sign 2',
      'PUT https://store/f1?part=2 8',
      'sign 3',
      'PUT https://store/f1?part=3 4',
      'complete f1 1="old1",2="2",3="3"',
    ]);
  });

  it('pauses in the middle of a part and on resume sends that part again, not the finished ones', async () => {
    const log: Log = [];
    let hold = true;
    let task: UploadTask<{ id: string }> | null = null;
    const transfer = store(log, (req) => {
      if (req.url.endsWith('part=2') && hold) {
        hold = false;
        req.onProgress(3);
        task?.pause();
        return Promise.reject(new DOMException('Aborted', 'AbortError'));
      }
      return undefined;
    });
    task = new UploadTask(file(20), api(log, multipart), transfer, () => {});
    await task.run();
    expect(task.status).toBe('paused');
    expect(task.uploaded).toBe(11);
    await task.run();
    expect(task.status).toBe('done');
    expect(log.filter((l) => l.startsWith('PUT'))).toEqual([
      'PUT https://store/f1?part=1 8',
      'PUT https://store/f1?part=2 8',
      'PUT https://store/f1?part=2 8',
      'PUT https://store/f1?part=3 4',
    ]);
    expect(log.filter((l) => l.startsWith('start'))).toHaveLength(1);
  });

  it('tries a part again after a network error, re-signed, then fails after the last try', async () => {
    const log: Log = [];
    let failures = 1;
    const flaky = store(log, () => (failures-- > 0 ? Promise.reject(new TransferError(0)) : undefined));
    const task = new UploadTask(file(8), api(log, { ...multipart, partCount: 1 }), flaky, () => {}, [0]);
    await task.run();
    expect(task.status).toBe('done');
    expect(log.filter((l) => l.startsWith('sign'))).toEqual(['sign 1', 'sign 1']);

    const down = new UploadTask(
      file(8),
      api([], { ...multipart, partCount: 1 }),
      store([], () => Promise.reject(new TransferError(503))),
      () => {},
      [0],
    );
    await down.run();
    expect(down.status).toBe('failed');
    expect((down.error as TransferError).status).toBe(503);
  });

  it('does not retry a refusal (an expired signature or a broken policy)', async () => {
    const log: Log = [];
    const task = new UploadTask(
      file(8),
      api(log, { ...multipart, partCount: 1 }),
      store(log, () => Promise.reject(new TransferError(403))),
      () => {},
      [0],
    );
    await task.run();
    expect(task.status).toBe('failed');
    expect(log.filter((l) => l.startsWith('PUT'))).toHaveLength(1);
  });

  it('fails clearly when the store hides the ETag (bucket CORS without ExposeHeaders)', async () => {
    const task = new UploadTask(
      file(8),
      api([], { ...multipart, partCount: 1 }),
      store([], () => Promise.resolve({ etag: null })),
      () => {},
    );
    await task.run();
    expect(task.error).toBeInstanceOf(MissingEtagError);
  });

  it('keeps the API error of the presign step (file_too_large …) and sends nothing', async () => {
    const log: Log = [];
    const refusal = Object.assign(new Error('413'), { code: 'file_too_large' });
    const transport = { ...api(log, multipart), start: () => Promise.reject(refusal) };
    const task = new UploadTask(file(8), transport, store(log), () => {});
    await task.run();
    expect(task.status).toBe('failed');
    expect(task.error).toBe(refusal);
    expect(log).toEqual(['find']);
  });

  it('cancel aborts the request in flight and the upload on the server', async () => {
    const log: Log = [];
    let task: UploadTask<{ id: string }> | null = null;
    const transfer = store(log, (req) => {
      if (req.url.endsWith('part=2')) {
        void task?.cancel();
        return Promise.reject(new DOMException('Aborted', 'AbortError'));
      }
      return undefined;
    });
    task = new UploadTask(file(20), api(log, multipart), transfer, () => {});
    await task.run();
    await Promise.resolve();
    expect(task.status).toBe('canceled');
    expect(log.at(-1)).toBe('abort f1');
    expect(log.some((l) => l.startsWith('complete'))).toBe(false);
  });

  it('offers a retry for network and server failures, not for refusals', () => {
    expect(worthRetrying(new TransferError(0))).toBe(true);
    expect(worthRetrying({ status: 503, code: 'service_unavailable' })).toBe(true);
    expect(worthRetrying({ status: 400, code: 'empty_file' })).toBe(false);
    expect(worthRetrying({ status: 413, code: 'storage_quota_exceeded' })).toBe(false);
    expect(worthRetrying(new MissingEtagError())).toBe(false);
  });
});
