/**
 * A completed upload through the real worker wiring (startWorker, as main.ts runs it): the API's
 * internal outbox event → the relay → the `files` queue → verify → ready, in the configured bucket.
 */
import { fileVariantKey } from '@repo/contracts';
import { createDb } from '@repo/db';
import { createS3Client, createStorage } from '@repo/storage';
import { testEnv } from '@repo/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WorkerEnv } from '../env';
import { type RunningWorker, startWorker } from '../worker';
import { requireEnv, silentLogger, uniquePrefix, waitFor } from '../worker.test-support';
import { png } from './file-bytes.test-support';
import { owner, uploadedFile } from './files.test-support';
import { objectKeysOf, verifiedKeyOf } from './keys';

const db = createDb({ url: requireEnv('DATABASE_URL'), poolMax: 2 });
const env = WorkerEnv.parse(
  testEnv({ REDIS_PREFIX: uniquePrefix('files-pipeline'), WORKER_HEALTH_PORT: '0', OUTBOX_POLL_MS: '100' }),
);
const s3 = createS3Client(env);
const storage = createStorage({ client: s3, bucket: env.S3_BUCKET });
let worker: RunningWorker;

beforeAll(async () => {
  // Earlier files of this vitest worker share the database: start from an empty outbox.
  await db.outboxEvent.deleteMany();
  worker = await startWorker(env, silentLogger);
}, 30_000);
afterAll(async () => {
  await worker?.stop();
  s3.destroy();
  await db.$disconnect();
});

it('file.uploaded_pending_check makes the file ready; readiness checks the bucket', async () => {
  const { user, org } = await owner(db);
  const file = await uploadedFile(db, storage, {
    purpose: 'org_file',
    userId: user.id,
    organizationId: org.id,
    bytes: await png(640, 480),
    declaredType: 'image/png',
  });
  await db.outboxEvent.create({
    data: { type: 'file.uploaded_pending_check', payload: { fileId: file.id } },
  });

  const ready = await waitFor(
    async () => {
      const row = await db.file.findUniqueOrThrow({ where: { id: file.id } });
      return row.status === 'ready' || row.status === 'rejected' ? row : undefined;
    },
    'the file to be checked',
    20_000,
  );
  const served = verifiedKeyOf(file.key);
  expect(ready).toMatchObject({
    status: 'ready',
    key: served,
    variants: { thumb: fileVariantKey(served, 'thumb') },
  });
  expect(await storage.head(fileVariantKey(served, 'thumb'))).toMatchObject({ contentType: 'image/webp' });

  const res = await fetch(`http://127.0.0.1:${worker.healthPort}/readyz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ checks: { s3: { status: 'ok' } } });

  await storage.deleteMany(objectKeysOf(file.key));
});
