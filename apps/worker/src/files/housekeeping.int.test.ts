import { randomBytes, randomUUID } from 'node:crypto';
import { fileVariantKey } from '@repo/contracts';
import { createDb } from '@repo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireEnv, silentLogger } from '../worker.test-support';
import { png } from './file-bytes.test-support';
import { isolatedStorage, owner, postToKey, served, uploadedFile } from './files.test-support';
import {
  abortStaleUploads,
  type HousekeepingDeps,
  purgeDeletedFiles,
  recheckStuckUploads,
  reconcileOrphans,
} from './housekeeping';
import { verifiedKeyOf } from './keys';
import { verifyFile } from './verify';

const db = createDb({ url: requireEnv('DATABASE_URL'), poolMax: 4 });
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MiB = 1024 * 1024;

let bucket: Awaited<ReturnType<typeof isolatedStorage>>;
beforeAll(async () => {
  bucket = await isolatedStorage('housekeeping');
});
afterAll(async () => {
  await bucket.close();
  await db.$disconnect();
});

const deps = (now = new Date()): HousekeepingDeps => ({
  db,
  storage: bucket.storage,
  clock: () => now,
  pendingTtlHours: 24,
  deletedGraceDays: 7,
});
const exists = async (key: string) => (await bucket.storage.head(key)) !== null;
const verifyDeps = (storage: typeof bucket.storage) => ({
  db,
  storage,
  limits: { maxBytes: MiB, avatarMaxBytes: MiB, maxImagePixels: 1_000_000 },
  clock: () => new Date(),
  logger: silentLogger,
});

describe('files.abort-stale', () => {
  it('aborts a stale multipart upload in progress and rejects its row as abandoned', async () => {
    const { user, org } = await owner(db);
    const id = randomUUID();
    const key = `o/${org.id}/${id}`;
    const uploadId = await bucket.storage.createMultipart({ key, contentType: 'application/zip' });
    const url = await bucket.storage.signPart({ key, uploadId, partNumber: 1, expiresInSeconds: 300 });
    expect((await fetch(url, { method: 'PUT', body: randomBytes(5 * MiB) })).status).toBe(200);
    expect(await bucket.storage.listParts({ key, uploadId })).toHaveLength(1);
    await db.file.create({
      data: {
        id,
        key,
        purpose: 'org_file',
        status: 'pending',
        organizationId: org.id,
        ownerUserId: user.id,
        name: 'big.zip',
        declaredType: 'application/zip',
        declaredSize: 40 * MiB,
        multipartUploadId: uploadId,
        partSize: 8 * MiB,
        createdAt: new Date(Date.now() - 25 * HOUR),
      },
    });

    expect((await abortStaleUploads(deps())).aborted).toBeGreaterThanOrEqual(1);
    expect(await db.file.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'rejected',
      rejectReason: 'abandoned',
      multipartUploadId: null,
    });
    // The upload is gone from the store: its parts can no longer be listed.
    await expect(bucket.storage.listParts({ key, uploadId })).rejects.toThrow();
    const [audit] = await db.auditLog.findMany({ where: { targetId: id, action: 'file.rejected' } });
    expect(audit?.diff).toMatchObject({ after: { reason: 'abandoned', name: 'big.zip' } });
  });

  it('deletes the object a stale single-request upload left, and leaves recent uploads alone', async () => {
    const { user, org } = await owner(db);
    const stale = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes: Buffer.from('never completed'),
      declaredType: 'text/plain',
      status: 'pending',
      createdAt: new Date(Date.now() - 30 * HOUR),
    });
    const recent = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes: Buffer.from('still uploading'),
      declaredType: 'text/plain',
      status: 'pending',
      createdAt: new Date(Date.now() - 2 * HOUR),
    });
    await abortStaleUploads(deps());
    expect(await db.file.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({
      status: 'rejected',
      rejectReason: 'abandoned',
    });
    expect(await exists(stale.key)).toBe(false);
    expect(await db.file.findUniqueOrThrow({ where: { id: recent.id } })).toMatchObject({
      status: 'pending',
    });
    expect(await exists(recent.key)).toBe(true);
    // A second run has nothing left to do for them.
    await abortStaleUploads(deps());
    expect(await db.file.findUniqueOrThrow({ where: { id: recent.id } })).toMatchObject({
      status: 'pending',
    });
  });
});

describe('files.abort-stale: uploads whose check was lost', () => {
  it('checks an upload completed over an hour ago and still unchecked, leaves a recent one to its job', async () => {
    const { user, org } = await owner(db);
    const file = (completedAt: Date) =>
      png().then((bytes) =>
        uploadedFile(db, bucket.storage, {
          purpose: 'org_file',
          userId: user.id,
          organizationId: org.id,
          bytes,
          declaredType: 'image/png',
        }).then((f) => db.file.update({ where: { id: f.id }, data: { completedAt } })),
      );
    const stuck = await file(new Date(Date.now() - 2 * HOUR));
    const recent = await file(new Date());
    const checked: string[] = [];
    const limits = { maxBytes: MiB, avatarMaxBytes: MiB, maxImagePixels: 1_000_000 };
    const result = await recheckStuckUploads({
      ...deps(),
      recheck: (id) => {
        checked.push(id);
        return verifyFile(
          { db, storage: bucket.storage, limits, clock: () => new Date(), logger: silentLogger },
          id,
        );
      },
    });
    expect(result.rechecked).toBeGreaterThanOrEqual(1);
    expect(checked).toContain(stuck.id);
    expect(checked).not.toContain(recent.id);
    expect(await db.file.findUniqueOrThrow({ where: { id: stuck.id } })).toMatchObject({
      status: 'ready',
      variants: { thumb: fileVariantKey(verifiedKeyOf(stuck.key), 'thumb') },
    });
    expect(await db.file.findUniqueOrThrow({ where: { id: recent.id } })).toMatchObject({
      status: 'uploaded',
    });
  });
});

describe('files.purge-deleted', () => {
  it('purges objects and rows of files deleted before the grace period, keeps newer ones', async () => {
    const { user, org } = await owner(db);
    const file = (deletedAt: Date) =>
      uploadedFile(db, bucket.storage, {
        purpose: 'org_file',
        userId: user.id,
        organizationId: org.id,
        bytes: Buffer.from('bytes'),
        declaredType: 'text/plain',
      }).then(async (f) => {
        await bucket.storage.put({
          key: fileVariantKey(f.key, 'thumb'),
          body: 'thumb',
          contentType: 'image/webp',
        });
        return db.file.update({ where: { id: f.id }, data: { status: 'deleted', deletedAt } });
      });
    const old = await file(new Date(Date.now() - 8 * DAY));
    const recent = await file(new Date(Date.now() - 1 * DAY));

    expect((await purgeDeletedFiles(deps())).purged).toBeGreaterThanOrEqual(1);
    expect(await db.file.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await exists(old.key)).toBe(false);
    expect(await exists(fileVariantKey(old.key, 'thumb'))).toBe(false);
    expect(await db.file.findUnique({ where: { id: recent.id } })).toMatchObject({ status: 'deleted' });
    expect(await exists(recent.key)).toBe(true);
    expect(await exists(fileVariantKey(recent.key, 'thumb'))).toBe(true);

    // After the grace, the newer one goes too.
    await purgeDeletedFiles(deps(new Date(Date.now() + 7 * DAY)));
    expect(await db.file.findUnique({ where: { id: recent.id } })).toBeNull();
    expect(await exists(recent.key)).toBe(false);
  });

  it('purges both keys of a file served from its verified copy, and bytes posted again to its upload key', async () => {
    const { user, org } = await owner(db);
    const file = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes: await png(),
      declaredType: 'image/png',
    });
    await verifyFile(verifyDeps(bucket.storage), file.id);
    const key = verifiedKeyOf(file.key);
    await postToKey(bucket.storage, file.key, Buffer.from('posted again'), 'image/png');
    await db.file.update({ where: { id: file.id }, data: { status: 'deleted', deletedAt: new Date() } });

    await purgeDeletedFiles(deps(new Date(Date.now() + 8 * DAY)));
    expect(await db.file.findUnique({ where: { id: file.id } })).toBeNull();
    for (const gone of [file.key, key, fileVariantKey(key, 'thumb')]) expect(await exists(gone)).toBe(false);
  });

  it('purges rejected rows after the grace, and never touches ready files', async () => {
    const { user, org } = await owner(db);
    const rejected = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes: Buffer.from('left behind by a crash'),
      declaredType: 'text/plain',
    });
    await db.file.update({
      where: { id: rejected.id },
      data: { status: 'rejected', rejectReason: 'type_mismatch' },
    });
    const ready = await uploadedFile(db, bucket.storage, {
      purpose: 'org_file',
      userId: user.id,
      organizationId: org.id,
      bytes: Buffer.from('kept'),
      declaredType: 'text/plain',
    });
    await db.file.update({ where: { id: ready.id }, data: { status: 'ready', readyAt: new Date() } });

    await purgeDeletedFiles(deps(new Date(Date.now() + 8 * DAY)));
    expect(await db.file.findUnique({ where: { id: rejected.id } })).toBeNull();
    expect(await exists(rejected.key)).toBe(false);
    expect(await db.file.findUnique({ where: { id: ready.id } })).toMatchObject({ status: 'ready' });
    expect(await exists(ready.key)).toBe(true);
  });
});

describe('files.reconcile-orphans', () => {
  it('deletes bytes posted again to an upload key after the file moved to its verified copy', async () => {
    const own = await isolatedStorage('reposted');
    const storage = own.storage;
    const at = (now: Date): HousekeepingDeps => ({ ...deps(now), storage });
    const exists = async (key: string) => (await storage.head(key)) !== null;
    try {
      const { user, org } = await owner(db);
      const bytes = await png();
      const file = await uploadedFile(db, storage, {
        purpose: 'org_file',
        userId: user.id,
        organizationId: org.id,
        bytes,
        declaredType: 'image/png',
      });
      expect(await verifyFile(verifyDeps(storage), file.id)).toMatchObject({ outcome: 'ready' });
      const key = verifiedKeyOf(file.key);
      // The file's presigned POST, used again before it expired.
      await postToKey(storage, file.key, Buffer.from('not what was checked'), 'image/png');

      // A check that copied but has not recorded it yet: its row still names the upload key.
      const midway = await uploadedFile(db, storage, {
        purpose: 'org_file',
        userId: user.id,
        organizationId: org.id,
        bytes: Buffer.from('being checked'),
        declaredType: 'text/plain',
      });
      await storage.copy({ from: midway.key, to: verifiedKeyOf(midway.key) });

      expect(await reconcileOrphans(at(new Date(Date.now() + 2 * DAY)))).toEqual({ scanned: 5, deleted: 1 });
      expect(await exists(file.key)).toBe(false);
      expect(await served(storage, key)).toEqual(bytes);
      expect(await exists(fileVariantKey(key, 'thumb'))).toBe(true);
      expect(await exists(midway.key)).toBe(true);
      expect(await exists(verifiedKeyOf(midway.key))).toBe(true);
    } finally {
      await own.close();
    }
  });

  it('deletes objects older than a day that no row names, keeps every object a row names', async () => {
    // A bucket of its own: the other tests' leftovers would count in this listing.
    const own = await isolatedStorage('orphans');
    const storage = own.storage;
    const at = (now: Date): HousekeepingDeps => ({ ...deps(now), storage });
    const exists = async (key: string) => (await storage.head(key)) !== null;
    try {
      const { user, org } = await owner(db);
      const kept = await uploadedFile(db, storage, {
        purpose: 'org_file',
        userId: user.id,
        organizationId: org.id,
        bytes: Buffer.from('has a row'),
        declaredType: 'text/plain',
      });
      await storage.put({ key: fileVariantKey(kept.key, 'thumb'), body: 'thumb', contentType: 'image/webp' });
      const orphan = `o/${org.id}/${randomUUID()}`;
      const orphanAvatar = `u/${user.id}/${randomUUID()}`;
      const notUuid = `o/${org.id}/not-a-file-id`;
      for (const key of [orphan, fileVariantKey(orphan, 'thumb'), orphanAvatar, notUuid]) {
        await storage.put({ key, body: 'nobody knows me', contentType: 'text/plain' });
      }
      // Outside the file prefixes: not the files feature's to judge.
      await storage.put({ key: 'exports/report.csv', body: 'a,b', contentType: 'text/csv' });

      // Fresh objects may belong to an upload whose row is being written: nothing goes yet.
      expect(await reconcileOrphans(at(new Date()))).toMatchObject({ deleted: 0 });
      expect(await exists(orphan)).toBe(true);

      const result = await reconcileOrphans(at(new Date(Date.now() + 2 * DAY)));
      expect(result).toEqual({ scanned: 6, deleted: 4 });
      for (const key of [orphan, fileVariantKey(orphan, 'thumb'), orphanAvatar, notUuid]) {
        expect(await exists(key)).toBe(false);
      }
      expect(await exists(kept.key)).toBe(true);
      expect(await exists(fileVariantKey(kept.key, 'thumb'))).toBe(true);
      expect(await exists('exports/report.csv')).toBe(true);
    } finally {
      await own.close();
    }
  });
});
