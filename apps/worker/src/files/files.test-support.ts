// Rows and objects for the files integration tests: a bucket per test file, files as the API
// leaves them after `complete`.
import { randomBytes, randomUUID } from 'node:crypto';
import { CreateBucketCommand, DeleteBucketCommand } from '@aws-sdk/client-s3';
import { type FilePurpose, fileObjectKey } from '@repo/contracts';
import type { Db } from '@repo/db';
import { createS3Client, createStorage, type Storage } from '@repo/storage';
import { uniqueEmail } from '@repo/testing';
import { requireEnv } from '../worker.test-support';

/**
 * Storage on a bucket of its own in the integration run's S3 server, so a test that lists or
 * cleans the bucket never sees another test file's objects (the bucket is shared otherwise).
 */
export async function isolatedStorage(label: string) {
  const client = createS3Client({
    S3_ENDPOINT: requireEnv('S3_ENDPOINT'),
    S3_REGION: process.env.S3_REGION ?? 'us-east-1',
    S3_BUCKET: requireEnv('S3_BUCKET'),
    S3_ACCESS_KEY_ID: requireEnv('S3_ACCESS_KEY_ID'),
    S3_SECRET_ACCESS_KEY: requireEnv('S3_SECRET_ACCESS_KEY'),
    S3_FORCE_PATH_STYLE: true,
  });
  const bucket = `${label}-${randomBytes(4).toString('hex')}`;
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  const storage = createStorage({ client, bucket });
  return {
    storage,
    async close() {
      const keys: string[] = [];
      for await (const object of storage.list('')) keys.push(object.key);
      await storage.deleteMany(keys);
      await client.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => {});
      client.destroy();
    },
  };
}

/** A user and an organization (with the user as owner) to hang files on. */
export async function owner(db: Db) {
  const user = await db.user.create({ data: { email: uniqueEmail('files'), name: 'Fay Files' } });
  const org = await db.organization.create({
    data: {
      name: 'Files Inc',
      slug: `files-${randomUUID().slice(0, 12)}`,
      memberships: { create: { userId: user.id, role: 'owner' } },
    },
  });
  return { user, org };
}

/**
 * A file row as the API leaves it after `complete` (status uploaded), with its bytes in the
 * bucket under the server-made key.
 */
export async function uploadedFile(
  db: Db,
  storage: Storage,
  input: {
    purpose: FilePurpose;
    userId: string;
    organizationId?: string;
    bytes: Buffer;
    declaredType: string;
    declaredSize?: number;
    name?: string;
    status?: 'pending' | 'uploaded';
    createdAt?: Date;
    /** A completed multipart upload (it has a part size) rather than a presigned POST. */
    multipart?: boolean;
  },
) {
  const id = randomUUID();
  const key = fileObjectKey({
    id,
    purpose: input.purpose,
    organizationId: input.organizationId ?? null,
    ownerUserId: input.userId,
  });
  await storage.put({ key, body: input.bytes, contentType: input.declaredType });
  return db.file.create({
    data: {
      id,
      key,
      purpose: input.purpose,
      status: input.status ?? 'uploaded',
      organizationId: input.organizationId ?? null,
      ownerUserId: input.userId,
      name: input.name ?? 'upload',
      declaredType: input.declaredType,
      declaredSize: input.declaredSize ?? input.bytes.length,
      partSize: input.multipart ? 5 * 1024 * 1024 : null,
      ...(input.status === 'pending' ? {} : { completedAt: new Date() }),
      ...(input.createdAt ? { createdAt: input.createdAt } : {}),
    },
  });
}

/**
 * Posts bytes to an upload key the way a browser does, with the fields of a presigned POST for
 * that key (`@repo/storage`, as the API issues them): what a client holding a still-valid POST
 * can do at any time before it expires.
 */
export async function postToKey(storage: Storage, key: string, bytes: Buffer, contentType: string) {
  const post = await storage.presignPost({
    key,
    contentType,
    minBytes: bytes.length,
    maxBytes: bytes.length,
    expiresInSeconds: 900,
  });
  const form = new FormData();
  for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: contentType }), 'upload');
  const res = await fetch(post.url, { method: 'POST', body: form });
  if (res.status >= 300) throw new Error(`POST to ${key}: ${res.status} ${await res.text()}`);
}

/** The bytes a signed GET of `key` serves. */
export async function served(storage: Storage, key: string): Promise<Buffer> {
  const url = await storage.signGet(key, { expiresInSeconds: 60 });
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${key}: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}
