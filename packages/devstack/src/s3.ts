/// <reference path="./s3rver.d.ts" />
import { mkdir } from 'node:fs/promises';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { multipartExtensions } from './s3-multipart';
import { DevstackError, type RunningService } from './types';

const ACCESS_KEY = 'S3RVER';
const REGION = 'us-east-1';

// Browsers upload straight to presigned URLs from the web origin, so the bucket needs CORS.
const CORS = `<CORSConfiguration><CORSRule>
  <AllowedOrigin>*</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod>
  <AllowedMethod>POST</AllowedMethod><AllowedMethod>HEAD</AllowedMethod>
  <AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader>
  <MaxAgeSeconds>3000</MaxAgeSeconds>
</CORSRule></CORSConfiguration>`;

export function s3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: ACCESS_KEY },
    // s3rver stores aws-chunked framing verbatim when the SDK adds checksums to streamed bodies.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export async function startS3(opts: { dir: string; port: number; bucket: string }): Promise<RunningService> {
  const { dir, port, bucket } = opts;
  await mkdir(dir, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket, configs: [CORS] }],
  });
  // ListParts and AbortMultipartUpload, which s3rver lacks, answered before its router sees them.
  server.middleware.splice(server.middleware.length - 1, 0, multipartExtensions(dir));
  const address = await server.run().catch((cause: unknown) => {
    throw new DevstackError(`S3 server (s3rver) failed to start on port ${port}: ${String(cause)}`, {
      cause,
    });
  });
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = s3Client(endpoint);
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (cause) {
    await server.close();
    throw new DevstackError(`S3 server started but bucket "${bucket}" is not reachable`, { cause });
  } finally {
    client.destroy();
  }
  return {
    name: 's3',
    url: endpoint,
    env: {
      S3_ENDPOINT: endpoint,
      S3_REGION: REGION,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: ACCESS_KEY,
      S3_SECRET_ACCESS_KEY: ACCESS_KEY,
      S3_FORCE_PATH_STYLE: 'true',
    },
    stop: () => server.close(),
  };
}
