import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { contentDisposition } from './disposition';

/** The S3 settings of `s3Env` (@repo/config), as the apps parse them. */
export interface S3Config {
  S3_ENDPOINT?: string | undefined;
  S3_REGION: string;
  S3_BUCKET: string;
  S3_ACCESS_KEY_ID: string;
  S3_SECRET_ACCESS_KEY: string;
  S3_FORCE_PATH_STYLE: boolean;
}

export function createS3Client(config: S3Config): S3Client {
  return new S3Client({
    region: config.S3_REGION,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials: { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY },
    ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
    // S3-compatible servers (s3rver) store aws-chunked framing verbatim when the SDK adds
    // checksums to streamed bodies; real S3 needs none for what this package sends.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export interface PresignedPost {
  url: string;
  /** Form fields to send first, in any order; the file goes last, as the field `file`. */
  fields: Record<string, string>;
  expiresAt: Date;
}

export interface UploadedPart {
  partNumber: number;
  size: number;
  etag: string;
}

export interface ObjectHead {
  size: number;
  contentType: string | null;
  etag: string | null;
  lastModified: Date | null;
}

export interface ListedObject {
  key: string;
  size: number;
  lastModified: Date;
}

export interface SignGetOptions {
  expiresInSeconds: number;
  /** Sets the response's Content-Disposition (inline or attachment, with the file name). */
  disposition?: { type: 'inline' | 'attachment'; fileName: string };
  /** Sets the response's Content-Type (e.g. the verified type rather than what was stored). */
  contentType?: string;
  /** Sets the response's Cache-Control. */
  cacheControl?: string;
  /**
   * Signs as of this time instead of now: URLs signed within one window are then identical, so
   * a browser caches what they point at (avatars).
   */
  signingDate?: Date;
}

export interface Storage {
  readonly bucket: string;
  readonly client: S3Client;
  presignPost(opts: {
    key: string;
    contentType: string;
    minBytes: number;
    maxBytes: number;
    expiresInSeconds: number;
  }): Promise<PresignedPost>;
  createMultipart(opts: { key: string; contentType: string }): Promise<string>;
  signPart(opts: {
    key: string;
    uploadId: string;
    partNumber: number;
    expiresInSeconds: number;
  }): Promise<string>;
  listParts(opts: { key: string; uploadId: string }): Promise<UploadedPart[]>;
  completeMultipart(opts: {
    key: string;
    uploadId: string;
    parts: { partNumber: number; etag: string }[];
  }): Promise<void>;
  /** Aborting an upload that is gone already is not an error. */
  abortMultipart(opts: { key: string; uploadId: string }): Promise<void>;
  signGet(key: string, opts: SignGetOptions): Promise<string>;
  /** Null when there is no such object. */
  head(key: string): Promise<ObjectHead | null>;
  /** The first `length` bytes (fewer if the object is shorter); null when there is no such object. */
  getRange(key: string, length: number): Promise<Uint8Array | null>;
  put(opts: {
    key: string;
    body: Uint8Array | string;
    contentType: string;
    cacheControl?: string;
  }): Promise<void>;
  /**
   * Copies an object to another key of the bucket, server side (metadata kept). With `ifMatch`
   * (an ETag from `head`), the copy happens only while the source still has that ETag. False
   * when it did not happen: the source is gone, or its ETag no longer matches. Not every
   * S3-compatible server checks `ifMatch` (s3rver ignores it): what must hold whatever was
   * copied is checked on the copy.
   */
  copy(opts: { from: string; to: string; ifMatch?: string }): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Deletes up to any number of keys, 1000 per request; missing keys are not an error. */
  deleteMany(keys: readonly string[]): Promise<void>;
  /** Every object under a prefix, page by page. */
  list(prefix: string): AsyncGenerator<ListedObject>;
}

const notFound = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.$metadata.httpStatusCode === 404 || ['NotFound', 'NoSuchKey', 'NoSuchUpload'].includes(error.name));

export function isNotFound(error: unknown): boolean {
  return notFound(error);
}

const preconditionFailed = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.$metadata.httpStatusCode === 412 || error.name === 'PreconditionFailed');

/** `o/a b/c` → `<bucket>/o/a%20b/c`: CopySource is URL-encoded, its slashes kept. */
const copySource = (bucket: string, key: string) =>
  `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;

export function createStorage(opts: { client: S3Client; bucket: string; now?: () => Date }): Storage {
  const { client, bucket } = opts;
  const now = opts.now ?? (() => new Date());
  const Bucket = bucket;

  return {
    bucket,
    client,

    async presignPost({ key, contentType, minBytes, maxBytes, expiresInSeconds }) {
      // Fields become exact-match policy conditions too: the key and the Content-Type cannot change.
      const { url, fields } = await createPresignedPost(client, {
        Bucket,
        Key: key,
        Fields: { 'Content-Type': contentType },
        Conditions: [['content-length-range', minBytes, maxBytes]],
        Expires: expiresInSeconds,
      });
      return { url, fields, expiresAt: new Date(now().getTime() + expiresInSeconds * 1000) };
    },

    async createMultipart({ key, contentType }) {
      const out = await client.send(
        new CreateMultipartUploadCommand({ Bucket, Key: key, ContentType: contentType }),
      );
      if (!out.UploadId) throw new Error('CreateMultipartUpload returned no UploadId');
      return out.UploadId;
    },

    signPart({ key, uploadId, partNumber, expiresInSeconds }) {
      return getSignedUrl(
        client,
        new UploadPartCommand({ Bucket, Key: key, UploadId: uploadId, PartNumber: partNumber }),
        { expiresIn: expiresInSeconds },
      );
    },

    async listParts({ key, uploadId }) {
      const parts: UploadedPart[] = [];
      let marker: string | undefined;
      for (;;) {
        const out = await client.send(
          new ListPartsCommand({
            Bucket,
            Key: key,
            UploadId: uploadId,
            ...(marker ? { PartNumberMarker: marker } : {}),
          }),
        );
        for (const p of out.Parts ?? []) {
          if (p.PartNumber !== undefined && p.ETag) {
            parts.push({ partNumber: p.PartNumber, size: p.Size ?? 0, etag: p.ETag });
          }
        }
        if (!out.IsTruncated || !out.NextPartNumberMarker) break;
        marker = out.NextPartNumberMarker;
      }
      return parts.sort((a, b) => a.partNumber - b.partNumber);
    },

    async completeMultipart({ key, uploadId, parts }) {
      const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
      await client.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: sorted.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
        }),
      );
    },

    async abortMultipart({ key, uploadId }) {
      try {
        await client.send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId: uploadId }));
      } catch (error) {
        if (!notFound(error)) throw error;
      }
    },

    signGet(key, { expiresInSeconds, disposition, contentType, cacheControl, signingDate }) {
      return getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket,
          Key: key,
          ...(disposition
            ? { ResponseContentDisposition: contentDisposition(disposition.type, disposition.fileName) }
            : {}),
          ...(contentType ? { ResponseContentType: contentType } : {}),
          ...(cacheControl ? { ResponseCacheControl: cacheControl } : {}),
        }),
        { expiresIn: expiresInSeconds, ...(signingDate ? { signingDate } : {}) },
      );
    },

    async head(key) {
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return {
          size: out.ContentLength ?? 0,
          contentType: out.ContentType ?? null,
          etag: out.ETag ?? null,
          lastModified: out.LastModified ?? null,
        };
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },

    async getRange(key, length) {
      if (length < 1) throw new RangeError('length must be at least 1');
      try {
        const out = await client.send(
          new GetObjectCommand({ Bucket, Key: key, Range: `bytes=0-${length - 1}` }),
        );
        if (!out.Body) return new Uint8Array();
        const bytes = await out.Body.transformToByteArray();
        // A server that ignores Range sends everything: never hand back more than asked.
        return bytes.length > length ? bytes.subarray(0, length) : bytes;
      } catch (error) {
        if (notFound(error)) return null;
        // An empty object has no byte 0: S3 answers 416 InvalidRange.
        if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 416)
          return new Uint8Array();
        throw error;
      }
    },

    async put({ key, body, contentType, cacheControl }) {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          ...(cacheControl ? { CacheControl: cacheControl } : {}),
        }),
      );
    },

    async copy({ from, to, ifMatch }) {
      try {
        await client.send(
          new CopyObjectCommand({
            Bucket,
            Key: to,
            CopySource: copySource(Bucket, from),
            ...(ifMatch ? { CopySourceIfMatch: ifMatch } : {}),
          }),
        );
        return true;
      } catch (error) {
        if (notFound(error) || preconditionFailed(error)) return false;
        throw error;
      }
    },

    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },

    async deleteMany(keys) {
      for (let i = 0; i < keys.length; i += 1000) {
        const batch = keys.slice(i, i + 1000);
        const out = await client.send(
          new DeleteObjectsCommand({
            Bucket,
            Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
          }),
        );
        const failed = (out.Errors ?? []).filter((e) => e.Code !== 'NoSuchKey');
        if (failed.length > 0) {
          throw new Error(
            `DeleteObjects failed for ${failed.length} key(s): ${failed[0]?.Code ?? 'unknown'}`,
          );
        }
      }
    },

    async *list(prefix) {
      let token: string | undefined;
      for (;;) {
        const out = await client.send(
          new ListObjectsV2Command({
            Bucket,
            Prefix: prefix,
            ...(token ? { ContinuationToken: token } : {}),
          }),
        );
        for (const o of out.Contents ?? []) {
          if (o.Key) yield { key: o.Key, size: o.Size ?? 0, lastModified: o.LastModified ?? new Date(0) };
        }
        if (!out.IsTruncated || !out.NextContinuationToken) break;
        token = out.NextContinuationToken;
      }
    },
  };
}
