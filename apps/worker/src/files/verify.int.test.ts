import { FileJobName, fileVariantKey, fileVerifyJobId, QueueName } from '@repo/contracts';
import { createDb } from '@repo/db';
import { createQueue, createRedis } from '@repo/queue';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireEnv, silentLogger, uniquePrefix, waitFor } from '../worker.test-support';
import { html, jpeg, png, pngBomb } from './file-bytes.test-support';
import { isolatedStorage, owner, postToKey, served, uploadedFile } from './files.test-support';
import { startFiles } from './index';
import { objectKeysOf, verifiedKeyOf } from './keys';
import { type VerifyDeps, verifyFile } from './verify';

const db = createDb({ url: requireEnv('DATABASE_URL'), poolMax: 4 });
const redisUrl = requireEnv('REDIS_URL');
const MiB = 1024 * 1024;
const limits = { maxBytes: 10 * MiB, avatarMaxBytes: 5 * MiB, maxImagePixels: 40_000_000 };

let bucket: Awaited<ReturnType<typeof isolatedStorage>>;
let files: ReturnType<typeof startFiles>;
const connections = [createRedis(redisUrl, { role: 'worker' }), createRedis(redisUrl, { role: 'producer' })];
const prefix = uniquePrefix('files');

beforeAll(async () => {
  bucket = await isolatedStorage('verify');
  const [workerRedis, producerRedis] = connections as [
    ReturnType<typeof createRedis>,
    ReturnType<typeof createRedis>,
  ];
  files = startFiles({
    db,
    workerRedis,
    producerRedis,
    prefix,
    storage: bucket.storage,
    limits,
    logger: silentLogger,
  });
});
afterAll(async () => {
  await files.close();
  const queue = createQueue(QueueName.files, { connection: connections[1]!, prefix });
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  await Promise.allSettled(connections.map((c) => c.quit()));
  await bucket.close();
  await db.$disconnect();
});

const deps = (): VerifyDeps => ({
  db,
  storage: bucket.storage,
  limits,
  clock: () => new Date(),
  logger: silentLogger,
});

/** What the outbox relay does for `file.uploaded_pending_check`, then waits for the verdict. */
async function verifyThroughQueue(fileId: string) {
  await files.queue.add(FileJobName.verify, { fileId }, { jobId: fileVerifyJobId(fileId) });
  return waitFor(
    async () => {
      const row = await db.file.findUniqueOrThrow({ where: { id: fileId } });
      return row.status === 'ready' || row.status === 'rejected' ? row : undefined;
    },
    `file ${fileId} to be checked`,
    20_000,
  );
}

const exists = async (key: string) => (await bucket.storage.head(key)) !== null;

const auditOf = (fileId: string) =>
  db.auditLog.findMany({ where: { targetId: fileId, action: 'file.rejected' } });

const uploadedEvents = (fileId: string) =>
  db.outboxEvent.findMany({
    where: {
      type: 'webhook.published',
      payload: { path: ['data', 'file', 'id'], equals: fileId },
    },
  });

describe('verify (files queue)', () => {
  it('makes a good PNG ready, with its WebP thumbnail in the bucket and the public event', async () => {
    const { user, org } = await owner(db);
    const file = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes: await png(1200, 600),
      declaredType: 'image/png',
      name: 'diagram.png',
    });
    const row = await verifyThroughQueue(file.id);
    // Served from its verified copy: the key the POST was signed for is gone.
    const key = verifiedKeyOf(file.key);
    expect(row).toMatchObject({
      status: 'ready',
      key,
      detectedType: 'image/png',
      rejectReason: null,
      variants: { thumb: fileVariantKey(key, 'thumb') },
    });
    expect(Number(row.size)).toBe(Number(file.declaredSize));
    expect(row.readyAt).toBeInstanceOf(Date);

    const thumb = await bucket.storage.getRange(fileVariantKey(key, 'thumb'), 1 * MiB);
    const meta = await sharp(Buffer.from(thumb ?? [])).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 320, height: 160 });
    expect(await exists(key)).toBe(true);
    expect(await exists(file.key)).toBe(false);

    const [event, ...more] = await uploadedEvents(file.id);
    expect(more).toEqual([]);
    expect(event?.payload).toMatchObject({
      organizationId: org.id,
      type: 'file.uploaded',
      data: {
        file: {
          id: file.id,
          name: 'diagram.png',
          contentType: 'image/png',
          size: Number(file.declaredSize),
          uploadedBy: { id: user.id, name: 'Fay Files' },
        },
      },
    });
  });

  it('makes a non-image ready without variants', async () => {
    const { user, org } = await owner(db);
    const file = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes: Buffer.from('id,name\n1,Ada\n'),
      declaredType: 'text/csv',
    });
    expect(await verifyThroughQueue(file.id)).toMatchObject({
      status: 'ready',
      detectedType: 'text/csv',
      variants: {},
    });
  });

  it('rejects a PNG declared as a PDF: the object is deleted, the rejection audited, nothing public', async () => {
    const { user, org } = await owner(db);
    const file = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes: await png(),
      declaredType: 'application/pdf',
      name: 'invoice.pdf',
    });
    expect(await verifyThroughQueue(file.id)).toMatchObject({
      status: 'rejected',
      rejectReason: 'type_mismatch',
    });
    expect(await exists(file.key)).toBe(false);
    expect(await exists(verifiedKeyOf(file.key))).toBe(false);
    const [audit] = await auditOf(file.id);
    expect(audit).toMatchObject({ actorId: null, organizationId: org.id, targetType: 'file' });
    expect(audit?.diff).toMatchObject({
      after: { status: 'rejected', reason: 'type_mismatch', name: 'invoice.pdf' },
    });
    expect(await uploadedEvents(file.id)).toEqual([]);
  });

  it('rejects an HTML page renamed .png as an avatar, and the user keeps no avatar', async () => {
    const { user } = await owner(db);
    const file = await uploadedFile(db, bucket.storage, {
      purpose: 'avatar',
      userId: user.id,
      bytes: html(),
      declaredType: 'image/png',
      name: 'me.png',
    });
    expect(await verifyThroughQueue(file.id)).toMatchObject({
      status: 'rejected',
      rejectReason: 'type_mismatch',
    });
    expect(await exists(file.key)).toBe(false);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).avatarFileId).toBeNull();
  });

  it('rejects a 50,000 × 50,000 PNG (decompression bomb) and deletes it', async () => {
    const { user, org } = await owner(db);
    const file = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes: await pngBomb(),
      declaredType: 'image/png',
    });
    expect(await verifyThroughQueue(file.id)).toMatchObject({
      status: 'rejected',
      rejectReason: 'image_invalid',
    });
    expect(await exists(file.key)).toBe(false);
    expect(await exists(fileVariantKey(file.key, 'thumb'))).toBe(false);
    const [audit] = await auditOf(file.id);
    expect(audit?.diff).toMatchObject({ after: { reason: 'image_invalid', detail: 'image_too_large' } });
  });

  it('rejects an object whose real size is not the declared one, or over the purpose limit', async () => {
    const { user, org } = await owner(db);
    const lying = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes: Buffer.from('more bytes than declared'),
      declaredType: 'text/plain',
      declaredSize: 4,
    });
    expect(await verifyThroughQueue(lying.id)).toMatchObject({
      status: 'rejected',
      rejectReason: 'size_mismatch',
    });
    const big = await uploadedFile(db, bucket.storage, {
      purpose: 'avatar',
      userId: user.id,
      bytes: Buffer.concat([await png(), Buffer.alloc(limits.avatarMaxBytes)]),
      declaredType: 'image/png',
    });
    expect(await verifyThroughQueue(big.id)).toMatchObject({ status: 'rejected', rejectReason: 'too_large' });
    expect(await exists(big.key)).toBe(false);
  });

  it('swaps the avatar: the new one is set, the previous one deleted, an older upload never wins', async () => {
    const { user } = await owner(db);
    const upload = async (createdAt: Date) =>
      uploadedFile(db, bucket.storage, {
        purpose: 'avatar',
        userId: user.id,
        bytes: await jpeg(300, 200),
        declaredType: 'image/jpeg',
        createdAt,
      });
    const t = Date.now();
    const first = await upload(new Date(t - 3000));
    const second = await upload(new Date(t - 2000));
    const third = await upload(new Date(t - 1000));

    expect(await verifyThroughQueue(first.id)).toMatchObject({ status: 'ready' });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).avatarFileId).toBe(first.id);

    // The newest finishes before the middle one.
    const ready = await verifyThroughQueue(third.id);
    const key = verifiedKeyOf(third.key);
    expect(ready.variants).toEqual({
      '64': fileVariantKey(key, '64'),
      '128': fileVariantKey(key, '128'),
      '256': fileVariantKey(key, '256'),
    });
    for (const size of [64, 128, 256] as const) {
      const body = await bucket.storage.getRange(fileVariantKey(key, String(size) as '64'), MiB);
      expect(await sharp(Buffer.from(body ?? [])).metadata()).toMatchObject({
        format: 'webp',
        width: size,
        height: size,
      });
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).avatarFileId).toBe(third.id);
    expect(await db.file.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      status: 'deleted',
      deletedAt: expect.any(Date),
    });

    // The middle upload is ready late: it is older than the shown one, so it goes straight to deleted.
    await files.queue.add(FileJobName.verify, { fileId: second.id }, { jobId: fileVerifyJobId(second.id) });
    await waitFor(
      async () => (await db.file.findUniqueOrThrow({ where: { id: second.id } })).status === 'deleted',
      'the superseded avatar to be deleted',
    );
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).avatarFileId).toBe(third.id);
    const changes = await db.auditLog.findMany({ where: { targetId: user.id, action: 'avatar.changed' } });
    expect(changes).toHaveLength(2);
  });

  it('sets an organization logo on ready; an older upload finishing later is deleted, not shown', async () => {
    const { user, org } = await owner(db);
    const logo = async (createdAt: Date) =>
      uploadedFile(db, bucket.storage, {
        purpose: 'org_logo',
        userId: user.id,
        organizationId: org.id,
        bytes: await png(500, 500),
        declaredType: 'image/png',
        createdAt,
      });
    const older = await logo(new Date(Date.now() - 60_000));
    const file = await logo(new Date());
    expect(await verifyThroughQueue(file.id)).toMatchObject({ status: 'ready' });
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).logoFileId).toBe(file.id);
    expect(await uploadedEvents(file.id)).toEqual([]);
    const [change] = await db.auditLog.findMany({ where: { targetId: org.id, action: 'org.logo_changed' } });
    expect(change).toMatchObject({ actorId: user.id, organizationId: org.id });

    await verifyFile(deps(), older.id);
    expect(await db.file.findUniqueOrThrow({ where: { id: older.id } })).toMatchObject({ status: 'deleted' });
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).logoFileId).toBe(file.id);
  });
});

describe('verifyFile run again (a retry, or a crash between steps)', () => {
  it('does nothing the second time: one event, same row', async () => {
    const { user, org } = await owner(db);
    const file = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes: await png(),
      declaredType: 'image/png',
    });
    expect(await verifyFile(deps(), file.id)).toEqual({ outcome: 'ready', variants: ['thumb'] });
    expect(await verifyFile(deps(), file.id)).toEqual({ outcome: 'skipped', status: 'ready' });
    expect(await uploadedEvents(file.id)).toHaveLength(1);
  });

  it('finishes a file left verified by a crash', async () => {
    const { user, org } = await owner(db);
    const file = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes: await png(),
      declaredType: 'image/png',
    });
    await db.file.update({ where: { id: file.id }, data: { status: 'verified', detectedType: 'image/png' } });
    expect(await verifyFile(deps(), file.id)).toEqual({ outcome: 'ready', variants: ['thumb'] });
    expect(await exists(fileVariantKey(verifiedKeyOf(file.key), 'thumb'))).toBe(true);
  });

  it('deletes the objects of a file rejected before a crash kept them', async () => {
    const { user, org } = await owner(db);
    const file = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes: await png(),
      declaredType: 'application/pdf',
    });
    await db.file.update({
      where: { id: file.id },
      data: { status: 'rejected', rejectReason: 'type_mismatch' },
    });
    await bucket.storage.put({
      key: fileVariantKey(file.key, 'thumb'),
      body: 'x',
      contentType: 'image/webp',
    });
    expect(await verifyFile(deps(), file.id)).toEqual({ outcome: 'rejected', reason: 'type_mismatch' });
    expect(await exists(file.key)).toBe(false);
    expect(await exists(fileVariantKey(file.key, 'thumb'))).toBe(false);
  });

  it('leaves a file deleted by its owner meanwhile alone, and skips an unknown id', async () => {
    const { user, org } = await owner(db);
    const file = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes: await png(),
      declaredType: 'image/png',
    });
    await db.file.update({ where: { id: file.id }, data: { status: 'deleted', deletedAt: new Date() } });
    expect(await verifyFile(deps(), file.id)).toEqual({ outcome: 'skipped', status: 'deleted' });
    expect(await verifyFile(deps(), '0193a1b2-0000-7000-8000-000000000000')).toEqual({
      outcome: 'skipped',
      status: null,
    });
  });

  it('rejects a file whose object never arrived', async () => {
    const { user, org } = await owner(db);
    const file = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes: await png(),
      declaredType: 'image/png',
    });
    await bucket.storage.delete(file.key);
    expect(await verifyFile(deps(), file.id)).toEqual({ outcome: 'rejected', reason: 'missing' });
  });
});

/** An HTML page exactly as long as `like`: what a client could post to a key signed for `like`'s size. */
const htmlLike = (like: Buffer) => {
  const page = Buffer.alloc(like.length, ' ');
  page.write('<!doctype html><script>alert(document.domain)</script>');
  return page;
};

describe('a presigned POST is served from its verified copy', () => {
  const deleteRow = (id: string) => db.file.delete({ where: { id } });

  it('a second POST to the upload key after the check changes nothing the file serves', async () => {
    const { user, org } = await owner(db);
    const bytes = await png(400, 300);
    const file = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes,
      declaredType: 'image/png',
    });
    const row = await verifyThroughQueue(file.id);
    expect(row).toMatchObject({ status: 'ready', key: verifiedKeyOf(file.key) });

    // The POST the API issued for this file is still valid: the client posts other bytes with it.
    await postToKey(bucket.storage, file.key, htmlLike(bytes), 'image/png');
    expect((await served(bucket.storage, file.key)).subarray(0, 15).toString()).toBe('<!doctype html>');

    expect(await served(bucket.storage, row.key)).toEqual(bytes);
    expect(await verifyFile(deps(), file.id)).toEqual({ outcome: 'skipped', status: 'ready' });
    expect(await db.file.findUniqueOrThrow({ where: { id: file.id } })).toMatchObject({ key: row.key });
    expect(await served(bucket.storage, row.key)).toEqual(bytes);
    await bucket.storage.deleteMany(objectKeysOf(file.key));
  });

  it('an avatar is served from its copy too, and its sizes are made from it', async () => {
    const { user } = await owner(db);
    const file = await uploadedFile(db, bucket.storage, {
      purpose: 'avatar',
      userId: user.id,
      bytes: await png(200, 200),
      declaredType: 'image/png',
    });
    expect(await verifyThroughQueue(file.id)).toMatchObject({
      status: 'ready',
      key: verifiedKeyOf(file.key),
      variants: { '64': fileVariantKey(verifiedKeyOf(file.key), '64') },
    });
    expect(await exists(file.key)).toBe(false);
  });

  it('a completed multipart upload keeps its key: it cannot be written again', async () => {
    const { user, org } = await owner(db);
    const file = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes: await png(),
      declaredType: 'image/png',
      multipart: true,
    });
    expect(await verifyFile(deps(), file.id)).toEqual({ outcome: 'ready', variants: ['thumb'] });
    expect(await db.file.findUniqueOrThrow({ where: { id: file.id } })).toMatchObject({
      key: file.key,
      variants: { thumb: fileVariantKey(file.key, 'thumb') },
    });
    expect(await exists(file.key)).toBe(true);
    expect(await exists(verifiedKeyOf(file.key))).toBe(false);
    await deleteRow(file.id);
  });

  it('does not copy an object of the wrong size: rejected, nothing copied', async () => {
    const { user, org } = await owner(db);
    const file = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes: Buffer.alloc(limits.maxBytes + 1),
      declaredType: 'application/octet-stream',
    });
    expect(await verifyFile(deps(), file.id)).toEqual({ outcome: 'rejected', reason: 'too_large' });
    expect(await exists(file.key)).toBe(false);
    expect(await exists(verifiedKeyOf(file.key))).toBe(false);
  });

  it('judges what was copied: bytes posted while the copy ran are checked, not served unchecked', async () => {
    const { user, org } = await owner(db);
    const bytes = await png();
    const file = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes,
      declaredType: 'image/png',
    });
    // A POST lands between the worker's HeadObject and its CopyObject. Real S3 refuses such a
    // copy (CopySourceIfMatch); s3rver copies the new bytes, which the check then sees.
    const storage = bucket.storage;
    const racing: typeof storage = {
      ...storage,
      async copy(opts) {
        await postToKey(storage, opts.from, htmlLike(bytes), 'image/png');
        return storage.copy(opts);
      },
    };
    expect(await verifyFile({ ...deps(), storage: racing }, file.id)).toEqual({
      outcome: 'rejected',
      reason: 'type_mismatch',
    });
    expect(await exists(file.key)).toBe(false);
    expect(await exists(verifiedKeyOf(file.key))).toBe(false);
  });
});

describe('a crash between the copy and the end of the check', () => {
  it('after the copy, before the row named it: the next run copies again and finishes', async () => {
    const { user, org } = await owner(db);
    const bytes = await png(300, 200);
    const file = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes,
      declaredType: 'image/png',
    });
    expect(await bucket.storage.copy({ from: file.key, to: verifiedKeyOf(file.key) })).toBe(true);

    expect(await verifyFile(deps(), file.id)).toEqual({ outcome: 'ready', variants: ['thumb'] });
    const row = await db.file.findUniqueOrThrow({ where: { id: file.id } });
    expect(row).toMatchObject({ status: 'ready', key: verifiedKeyOf(file.key) });
    expect(await served(bucket.storage, row.key)).toEqual(bytes);
    expect(await exists(file.key)).toBe(false);
    expect(await uploadedEvents(file.id)).toHaveLength(1);
  });

  it('after the copy, with other bytes posted before the next run: those are checked', async () => {
    const { user, org } = await owner(db);
    const bytes = await png(300, 200);
    const file = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes,
      declaredType: 'image/png',
    });
    await bucket.storage.copy({ from: file.key, to: verifiedKeyOf(file.key) });
    await postToKey(bucket.storage, file.key, htmlLike(bytes), 'image/png');

    expect(await verifyFile(deps(), file.id)).toEqual({ outcome: 'rejected', reason: 'type_mismatch' });
    expect(await exists(file.key)).toBe(false);
    expect(await exists(verifiedKeyOf(file.key))).toBe(false);
  });

  it('after the row named the copy, before the upload key was deleted: never copies again', async () => {
    const { user, org } = await owner(db);
    const bytes = await png(300, 200);
    const file = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes,
      declaredType: 'image/png',
    });
    const key = verifiedKeyOf(file.key);
    await bucket.storage.copy({ from: file.key, to: key });
    await db.file.update({
      where: { id: file.id },
      data: { status: 'verified', key, size: bytes.length, detectedType: 'image/png' },
    });
    // Posted after the copy was checked: must stay unserved.
    await postToKey(bucket.storage, file.key, htmlLike(bytes), 'image/png');

    expect(await verifyFile(deps(), file.id)).toEqual({ outcome: 'ready', variants: ['thumb'] });
    expect(await db.file.findUniqueOrThrow({ where: { id: file.id } })).toMatchObject({
      status: 'ready',
      key,
      variants: { thumb: fileVariantKey(key, 'thumb') },
    });
    expect(await served(bucket.storage, key)).toEqual(bytes);
    expect(await exists(file.key)).toBe(false);
  });
});
