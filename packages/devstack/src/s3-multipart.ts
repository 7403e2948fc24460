import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * s3rver 3.7 implements CreateMultipartUpload, UploadPart and CompleteMultipartUpload but not
 * ListParts nor AbortMultipartUpload, which resumable uploads need (the API asks ListParts what a
 * reloaded browser already sent, and aborts cancelled uploads). This Koa middleware answers those
 * two from s3rver's own upload directory, in S3's XML, so the dev stack behaves like S3 there.
 * Only the API calls them (server to server); their signatures are not checked.
 */

interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  status: number;
  type: string;
  body: unknown;
}
type Next = () => Promise<void>;

const xmlEscape = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );

function noSuchUpload(ctx: KoaContext, uploadId: string): void {
  ctx.status = 404;
  ctx.type = 'application/xml';
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message><UploadId>${xmlEscape(uploadId)}</UploadId></Error>`;
}

/** `/<bucket>/<key…>` of a path-style request; null for anything else. */
function target(path: string): { bucket: string; key: string } | null {
  const match = /^\/([^/]+)\/(.+)$/.exec(path);
  if (!match?.[1] || !match[2]) return null;
  return { bucket: decodeURIComponent(match[1]), key: decodeURIComponent(match[2]) };
}

export function multipartExtensions(rootDirectory: string) {
  // s3rver keeps open uploads in `<root>/<bucket>/<suffix>` with one folder per UploadId.
  const uploadDir = (bucket: string, uploadId: string) =>
    join(rootDirectory, bucket, '._S3rver_uploads', uploadId);

  return async function multipart(ctx: KoaContext, next: Next): Promise<void> {
    const uploadId = typeof ctx.query.uploadId === 'string' ? ctx.query.uploadId : undefined;
    const t = target(ctx.path);
    if (!uploadId || !t || (ctx.method !== 'GET' && ctx.method !== 'DELETE')) return next();
    // UploadIds are hex from s3rver; anything else cannot name a folder of ours.
    if (!/^[A-Za-z0-9_-]+$/.test(uploadId)) return noSuchUpload(ctx, uploadId);
    const dir = uploadDir(t.bucket, uploadId);
    const storedKey = await readFile(join(dir, 'key'), 'utf8').catch(() => null);
    if (storedKey !== t.key) return noSuchUpload(ctx, uploadId);

    if (ctx.method === 'DELETE') {
      await rm(dir, { recursive: true, force: true });
      ctx.status = 204;
      ctx.body = null;
      return;
    }

    const names = (await readdir(dir)).filter((n) => /^\d+$/.test(n)).sort((a, b) => Number(a) - Number(b));
    const parts = await Promise.all(
      names.map(async (n) => {
        const [info, md5] = await Promise.all([stat(join(dir, n)), readFile(join(dir, `${n}.md5`), 'utf8')]);
        return `<Part><PartNumber>${n}</PartNumber><LastModified>${info.mtime.toISOString()}</LastModified><ETag>"${md5.trim()}"</ETag><Size>${info.size}</Size></Part>`;
      }),
    );
    ctx.status = 200;
    ctx.type = 'application/xml';
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${xmlEscape(t.bucket)}</Bucket><Key>${xmlEscape(t.key)}</Key><UploadId>${xmlEscape(uploadId)}</UploadId><PartNumberMarker>0</PartNumberMarker><MaxParts>10000</MaxParts><IsTruncated>false</IsTruncated>${parts.join('')}</ListPartsResult>`;
  };
}
