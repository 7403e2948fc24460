import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApps } from '../../app.test-support';
import { createKey, createOrgWorld, type OrgWorld } from '../orgs/orgs.test-support';
import { call, MiB, markReady, postToBucket, putPart, readyFile } from './files.test-support';

const app = useTestApps(() => ({ REDIS_PREFIX: `fl${randomUUID().slice(0, 8)}` }));

const uploads = (orgId: string) => `/v1/orgs/${orgId}/files/uploads`;
const files = (orgId: string) => `/v1/orgs/${orgId}/files`;

async function start(t: TestApp, w: OrgWorld, body: object, auth = w.owner.auth) {
  const res = await call(t, 'POST', uploads(w.org.id), auth, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Presign, POST the bytes to the bucket, complete: the small-file path end to end. */
async function uploadSmall(
  t: TestApp,
  w: OrgWorld,
  name: string,
  bytes: Uint8Array,
  type: string,
  auth = w.owner.auth,
) {
  const started = await start(t, w, { name, size: bytes.length, type }, auth);
  expect(started.method).toBe('post');
  await postToBucket(started.url, started.fields, bytes, type);
  const done = await call(t, 'POST', `${uploads(w.org.id)}/${started.file.id}/complete`, auth, {});
  expect(done.statusCode, done.body).toBe(200);
  return done.json().file as { id: string; status: string; name: string };
}

describe('small files: presigned POST', () => {
  it('uploads straight to the bucket, completes to `uploaded`, asks the worker to verify, audits', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const bytes = randomBytes(2048);
    const started = await start(t, w, {
      name: 'Quarterly report.pdf',
      size: bytes.length,
      type: 'application/pdf',
    });
    expect(started).toMatchObject({
      method: 'post',
      file: { status: 'pending', name: 'Quarterly report.pdf', size: 2048, purpose: 'org_file' },
    });
    const row = await t.deps.db.file.findUniqueOrThrow({ where: { id: started.file.id } });
    // The key is the server's: organization and file id, nothing of the client's name.
    expect(row.key).toBe(`o/${w.org.id}/${started.file.id}`);
    expect(started.fields.key).toBe(row.key);
    expect(started.fields['Content-Type']).toBe('application/pdf');
    const policy = JSON.parse(Buffer.from(started.fields.Policy, 'base64').toString());
    expect(policy.conditions).toContainEqual(['content-length-range', 2048, 2048]);

    await postToBucket(started.url, started.fields, bytes, 'application/pdf');
    const since = new Date(Date.now() - 1000);
    const done = await call(t, 'POST', `${uploads(w.org.id)}/${started.file.id}/complete`, w.owner.auth, {});
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().file).toMatchObject({ status: 'uploaded', size: 2048 });
    expect(done.json().file.completedAt).not.toBeNull();

    const events = await t.deps.db.outboxEvent.findMany({
      where: { type: 'file.uploaded_pending_check', createdAt: { gte: since } },
    });
    expect(events.map((e) => e.payload)).toContainEqual({ fileId: started.file.id });
    const audit = await t.deps.db.auditLog.findMany({
      where: { targetId: started.file.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual(['file.uploaded']);
    expect(audit[0]).toMatchObject({ actorId: w.owner.id, organizationId: w.org.id });

    // Completing again is harmless: same answer, no second event.
    const again = await call(t, 'POST', `${uploads(w.org.id)}/${started.file.id}/complete`, w.owner.auth, {});
    expect(again.statusCode).toBe(200);
    expect(
      await t.deps.db.outboxEvent.count({
        where: { type: 'file.uploaded_pending_check', payload: { equals: { fileId: started.file.id } } },
      }),
    ).toBe(1);

    // Not listed until the worker marks it ready; then listed and counted.
    const before = await call(t, 'GET', files(w.org.id), w.member.auth);
    expect(before.json().files).toEqual([]);
    expect(before.json().usage).toEqual({ usedBytes: 2048, quotaBytes: t.deps.env.FILES_ORG_QUOTA_BYTES });
    await markReady(t, started.file.id);
    const after = await call(t, 'GET', files(w.org.id), w.member.auth);
    expect(after.json().files.map((f: { id: string }) => f.id)).toEqual([started.file.id]);
    expect(after.json().files[0]).toMatchObject({
      status: 'ready',
      uploadedBy: { id: w.owner.id, name: 'Olivia Owner' },
    });
  });

  it('refuses a lying client: more bytes than declared is 422, the object deleted, the file rejected', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const started = await start(t, w, { name: 'small.txt', size: 100, type: 'text/plain' });
    // The embedded S3 server does not enforce the POST policy (docs/files.md); real S3 would 403.
    await postToBucket(started.url, started.fields, randomBytes(5000), 'text/plain');
    const res = await call(t, 'POST', `${uploads(w.org.id)}/${started.file.id}/complete`, w.owner.auth, {});
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('upload_size_mismatch');
    const row = await t.deps.db.file.findUniqueOrThrow({ where: { id: started.file.id } });
    expect(row).toMatchObject({ status: 'rejected', rejectReason: 'size_mismatch' });
    expect(await t.deps.storage.head(row.key)).toBeNull();
    expect(await t.deps.db.auditLog.count({ where: { targetId: row.id, action: 'file.rejected' } })).toBe(1);
    // A rejected upload stays rejected.
    const again = await call(t, 'POST', `${uploads(w.org.id)}/${started.file.id}/complete`, w.owner.auth, {});
    expect(again.json().code).toBe('upload_not_pending');
    expect((await call(t, 'GET', files(w.org.id), w.owner.auth)).json().usage.usedBytes).toBe(0);
  });

  it('refuses empty files at presign and at completion, with empty_file', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const res = await call(t, 'POST', uploads(w.org.id), w.owner.auth, {
      name: 'empty.txt',
      size: 0,
      type: 'text/plain',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('empty_file');
    expect(await t.deps.db.file.count({ where: { organizationId: w.org.id } })).toBe(0);

    const started = await start(t, w, { name: 'claims-ten.txt', size: 10, type: 'text/plain' });
    await postToBucket(started.url, started.fields, new Uint8Array(0), 'text/plain');
    const done = await call(t, 'POST', `${uploads(w.org.id)}/${started.file.id}/complete`, w.owner.auth, {});
    expect(done.statusCode).toBe(400);
    expect(done.json().code).toBe('empty_file');
    const row = await t.deps.db.file.findUniqueOrThrow({ where: { id: started.file.id } });
    expect(row).toMatchObject({ status: 'rejected', rejectReason: 'empty' });
    expect(await t.deps.storage.head(row.key)).toBeNull();
  });

  it('answers upload_incomplete while nothing has arrived, and keeps the upload open', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const started = await start(t, w, { name: 'later.txt', size: 5, type: 'text/plain' });
    const res = await call(t, 'POST', `${uploads(w.org.id)}/${started.file.id}/complete`, w.owner.auth, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('upload_incomplete');
    expect((await t.deps.db.file.findUniqueOrThrow({ where: { id: started.file.id } })).status).toBe(
      'pending',
    );
  });

  it('refuses oversize and disallowed types with stable codes, storing nothing', async () => {
    const t = await app({ FILES_MAX_BYTES: String(MiB) });
    const w = await createOrgWorld(t);
    const big = await call(t, 'POST', uploads(w.org.id), w.owner.auth, {
      name: 'big.bin',
      size: MiB + 1,
      type: 'application/octet-stream',
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('file_too_large');
    const logo = await call(t, 'POST', uploads(w.org.id), w.owner.auth, {
      name: 'logo.svg',
      size: 100,
      type: 'image/svg+xml',
      purpose: 'org_logo',
    });
    expect(logo.statusCode).toBe(415);
    expect(logo.json().code).toBe('file_type_not_allowed');
    const badType = await call(t, 'POST', uploads(w.org.id), w.owner.auth, {
      name: 'x',
      size: 1,
      type: 'not a type',
    });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().code).toBe('validation_failed');
    expect(await t.deps.db.file.count({ where: { organizationId: w.org.id } })).toBe(0);
  });

  it('lets only owners and admins (org:update) start a logo upload', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const body = { name: 'logo.png', size: 100, type: 'image/png', purpose: 'org_logo' };
    const member = await call(t, 'POST', uploads(w.org.id), w.member.auth, body);
    expect(member.statusCode).toBe(403);
    const admin = await call(t, 'POST', uploads(w.org.id), w.admin.auth, body);
    expect(admin.statusCode).toBe(201);
    expect(admin.json()).toMatchObject({ method: 'post', file: { purpose: 'org_logo' } });
  });
});

describe('file names', () => {
  it('keeps a sanitized display name: no path, no control or bidi characters', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const cases: [string, string][] = [
      ['../../etc/passwd', 'passwd'],
      ['..\\..\\boot.ini', 'boot.ini'],
      ['evil\u0001name\u0007\u007f\u0085.txt', 'evilname.txt'],
      ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
      ['\u2066spoof\u2069.png', 'spoof.png'],
      ['  \t ', 'file'],
    ];
    for (const [raw, expected] of cases) {
      const started = await start(t, w, { name: raw, size: 3, type: 'text/plain' });
      expect(started.file.name, JSON.stringify(raw)).toBe(expected);
      const row = await t.deps.db.file.findUniqueOrThrow({ where: { id: started.file.id } });
      expect(row.key).toBe(`o/${w.org.id}/${row.id}`);
    }
    // NUL never gets that far: the JSON guard refuses it for every route.
    const nul = await call(t, 'POST', uploads(w.org.id), w.owner.auth, {
      name: 'a\u0000b',
      size: 3,
      type: 'text/plain',
    });
    expect(nul.statusCode).toBe(400);
    expect(await t.deps.db.file.count({ where: { organizationId: w.org.id } })).toBe(cases.length);
    // Renames go through the same sanitizer.
    const file = await readyFile(t, { organizationId: w.org.id, ownerUserId: w.member.id });
    const renamed = await call(t, 'PATCH', `${files(w.org.id)}/${file.id}`, w.member.auth, {
      name: '/tmp/../x\u202Etxt.exe',
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().file.name).toBe('xtxt.exe');
    const audit = await t.deps.db.auditLog.findFirstOrThrow({
      where: { targetId: file.id, action: 'file.renamed' },
    });
    expect(audit.diff).toMatchObject({ before: { name: 'hello.txt' }, after: { name: 'xtxt.exe' } });
  });
});

describe('large files: multipart', () => {
  // 3 parts of 5 MiB, 5 MiB and 1 KiB with the threshold lowered to 8 MiB.
  const env = { FILES_MULTIPART_THRESHOLD: String(8 * MiB), FILES_PART_SIZE: String(5 * MiB) };

  it('signs parts on demand, resumes from ListParts after the client forgot everything, completes', async () => {
    const t = await app(env);
    const w = await createOrgWorld(t);
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(1024)];
    const size = 10 * MiB + 1024;
    const started = await start(t, w, { name: 'video.mp4', size, type: 'video/mp4' });
    expect(started).toMatchObject({ method: 'multipart', partSize: 5 * MiB, partCount: 3 });
    const fileId = started.file.id as string;

    const signed = await call(t, 'POST', `${uploads(w.org.id)}/${fileId}/parts`, w.owner.auth, {
      partNumbers: [1, 2],
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const urls = signed.json().parts as { partNumber: number; url: string }[];
    expect(urls.map((p) => p.partNumber)).toEqual([1, 2]);
    const etag1 = await putPart(urls[0]?.url ?? '', parts[0] as Uint8Array);
    await putPart(urls[1]?.url ?? '', parts[1] as Uint8Array);

    // The page reloads: the client finds its upload by name and size, and asks what arrived.
    const pending = await call(t, 'GET', `${uploads(w.org.id)}?status=pending`, w.owner.auth);
    const found = (pending.json().files as { id: string; name: string; size: number }[]).find(
      (f) => f.name === 'video.mp4' && f.size === size,
    );
    expect(found?.id).toBe(fileId);
    const listed = await call(t, 'GET', `${uploads(w.org.id)}/${fileId}/parts`, w.owner.auth);
    expect(listed.statusCode).toBe(200);
    const have = listed.json().parts as { partNumber: number; size: number; etag: string }[];
    expect(have.map((p) => [p.partNumber, p.size])).toEqual([
      [1, 5 * MiB],
      [2, 5 * MiB],
    ]);
    expect(have[0]?.etag).toBe(etag1);

    // Only the missing part is sent; a part number beyond the last is refused.
    const beyond = await call(t, 'POST', `${uploads(w.org.id)}/${fileId}/parts`, w.owner.auth, {
      partNumbers: [4],
    });
    expect(beyond.statusCode).toBe(400);
    const third = await call(t, 'POST', `${uploads(w.org.id)}/${fileId}/parts`, w.owner.auth, {
      partNumbers: [3],
    });
    const etag3 = await putPart(third.json().parts[0].url, parts[2] as Uint8Array);
    const done = await call(t, 'POST', `${uploads(w.org.id)}/${fileId}/complete`, w.owner.auth, {
      parts: [
        ...have.map((p) => ({ partNumber: p.partNumber, etag: p.etag })),
        { partNumber: 3, etag: etag3 },
      ],
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().file).toMatchObject({ status: 'uploaded', size });
    const row = await t.deps.db.file.findUniqueOrThrow({ where: { id: fileId } });
    expect(row.multipartUploadId).toBeNull();
    expect((await t.deps.storage.head(row.key))?.size).toBe(size);
    const head = await t.deps.storage.getRange(row.key, 16);
    expect(Buffer.from(head ?? [])).toEqual((parts[0] as Buffer).subarray(0, 16));
  });

  it('completes from the parts in the bucket when the client sends none', async () => {
    const t = await app(env);
    const w = await createOrgWorld(t);
    const size = 8 * MiB + 10;
    const started = await start(
      t,
      w,
      { name: 'two.bin', size, type: 'application/octet-stream' },
      w.member.auth,
    );
    const signed = await call(t, 'POST', `${uploads(w.org.id)}/${started.file.id}/parts`, w.member.auth, {
      partNumbers: [2, 1],
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const [p1, p2] = signed.json().parts;
    await putPart(p1.url, randomBytes(5 * MiB));
    await putPart(p2.url, randomBytes(3 * MiB + 10));
    const done = await call(t, 'POST', `${uploads(w.org.id)}/${started.file.id}/complete`, w.member.auth, {});
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().file.size).toBe(size);
  });

  it('aborts: the multipart upload is gone, the file rejected (aborted), nothing more can be sent', async () => {
    const t = await app(env);
    const w = await createOrgWorld(t);
    const started = await start(t, w, {
      name: 'cancel.bin',
      size: 9 * MiB,
      type: 'application/octet-stream',
    });
    const fileId = started.file.id as string;
    const signed = await call(t, 'POST', `${uploads(w.org.id)}/${fileId}/parts`, w.owner.auth, {
      partNumbers: [1],
    });
    await putPart(signed.json().parts[0].url, randomBytes(5 * MiB));
    const row = await t.deps.db.file.findUniqueOrThrow({ where: { id: fileId } });

    // Another member may not cancel the owner's upload; the uploader may.
    const byMember = await call(t, 'POST', `${uploads(w.org.id)}/${fileId}/abort`, w.member.auth);
    expect(byMember.statusCode).toBe(403);
    const aborted = await call(t, 'POST', `${uploads(w.org.id)}/${fileId}/abort`, w.owner.auth);
    expect(aborted.statusCode).toBe(204);
    expect(await t.deps.db.file.findUniqueOrThrow({ where: { id: fileId } })).toMatchObject({
      status: 'rejected',
      rejectReason: 'aborted',
      multipartUploadId: null,
    });
    await expect(
      t.deps.storage.listParts({ key: row.key, uploadId: row.multipartUploadId ?? '' }),
    ).rejects.toThrow();
    const more = await call(t, 'POST', `${uploads(w.org.id)}/${fileId}/parts`, w.owner.auth, {
      partNumbers: [2],
    });
    expect(more.statusCode).toBe(409);
    expect(more.json().code).toBe('upload_not_pending');
    expect(
      await t.deps.db.auditLog.count({ where: { targetId: fileId, action: 'file.upload_aborted' } }),
    ).toBe(1);
  });
});

describe('deleting an upload in flight', () => {
  it('aborts its multipart upload too', async () => {
    const t = await app({ FILES_MULTIPART_THRESHOLD: String(8 * MiB), FILES_PART_SIZE: String(5 * MiB) });
    const w = await createOrgWorld(t);
    const started = await start(t, w, { name: 'gone.bin', size: 9 * MiB, type: 'application/octet-stream' });
    const row = await t.deps.db.file.findUniqueOrThrow({ where: { id: started.file.id } });
    const res = await call(t, 'DELETE', `${files(w.org.id)}/${started.file.id}`, w.owner.auth);
    expect(res.statusCode).toBe(204);
    await expect(
      t.deps.storage.listParts({ key: row.key, uploadId: row.multipartUploadId ?? '' }),
    ).rejects.toThrow();
    expect(await t.deps.db.file.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: 'deleted',
      multipartUploadId: null,
    });
  });
});

describe('quota', () => {
  it('is enforced at presign (declared sizes reserve) with storage_quota_exceeded', async () => {
    const t = await app({ FILES_ORG_QUOTA_BYTES: '3000' });
    const w = await createOrgWorld(t);
    await readyFile(t, { organizationId: w.org.id, ownerUserId: w.owner.id, body: 'x'.repeat(1000) });
    await start(t, w, { name: 'a.bin', size: 1500, type: 'application/octet-stream' });
    const over = await call(t, 'POST', uploads(w.org.id), w.owner.auth, {
      name: 'b.bin',
      size: 501,
      type: 'application/octet-stream',
    });
    expect(over.statusCode).toBe(413);
    expect(over.json().code).toBe('storage_quota_exceeded');
    const fits = await call(t, 'POST', uploads(w.org.id), w.owner.auth, {
      name: 'c.bin',
      size: 500,
      type: 'application/octet-stream',
    });
    expect(fits.statusCode).toBe(201);
    const usage = await call(t, 'GET', `${files(w.org.id)}/usage`, w.member.auth);
    expect(usage.json()).toEqual({ usedBytes: 3000, quotaBytes: 3000 });
  });

  it('is checked again at completion: an upload that no longer fits is rejected and deleted', async () => {
    const roomy = await app();
    const w = await createOrgWorld(roomy);
    const bytes = randomBytes(2000);
    const started = await start(roomy, w, {
      name: 'fits-then.bin',
      size: bytes.length,
      type: 'application/octet-stream',
    });
    await postToBucket(started.url, started.fields, bytes, 'application/octet-stream');
    // Meanwhile the quota was lowered (or others filled the space): completion re-checks.
    await readyFile(roomy, { organizationId: w.org.id, ownerUserId: w.owner.id, body: 'y'.repeat(1500) });
    const tight = await app({ FILES_ORG_QUOTA_BYTES: '3000' });
    const res = await call(
      tight,
      'POST',
      `${uploads(w.org.id)}/${started.file.id}/complete`,
      w.owner.auth,
      {},
    );
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('storage_quota_exceeded');
    const row = await tight.deps.db.file.findUniqueOrThrow({ where: { id: started.file.id } });
    expect(row).toMatchObject({ status: 'rejected', rejectReason: 'quota_exceeded' });
    expect(await tight.deps.storage.head(row.key)).toBeNull();
  });
});

describe('isolation', () => {
  it('answers 404 for another organization’s upload, a made-up id, and a pending upload’s key it did not issue', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const started = await start(t, w, { name: 'mine.txt', size: 3, type: 'text/plain' });
    await postToBucket(started.url, started.fields, Buffer.from('abc'), 'text/plain');
    const fileId = started.file.id as string;
    // Org B's owner names org A's file under org B (their own organization).
    const other = { ...w, org: w.otherOrg, owner: w.otherOwner };
    for (const [method, path] of [
      ['POST', `${uploads(w.otherOrg.id)}/${fileId}/complete`],
      ['GET', `${uploads(w.otherOrg.id)}/${fileId}/parts`],
      ['POST', `${uploads(w.otherOrg.id)}/${fileId}/abort`],
      ['GET', `${files(w.otherOrg.id)}/${fileId}`],
      ['GET', `${files(w.otherOrg.id)}/${fileId}/download`],
      ['DELETE', `${files(w.otherOrg.id)}/${fileId}`],
    ] as const) {
      const res = await call(t, method, path, other.owner.auth, method === 'POST' ? {} : undefined);
      expect(res.statusCode, `${method} ${path}`).toBe(404);
    }
    // Under org A's URL, org B's owner is no member: 404 as well.
    const outsider = await call(t, 'POST', `${uploads(w.org.id)}/${fileId}/complete`, w.otherOwner.auth, {});
    expect(outsider.statusCode).toBe(404);
    // An id the server never issued.
    const madeUp = await call(t, 'POST', `${uploads(w.org.id)}/${randomUUID()}/complete`, w.owner.auth, {});
    expect(madeUp.statusCode).toBe(404);
    expect(madeUp.json().code).toBe('not_found');
    // Nothing changed: the upload is still pending and completes normally.
    const done = await call(t, 'POST', `${uploads(w.org.id)}/${fileId}/complete`, w.owner.auth, {});
    expect(done.json().file.status).toBe('uploaded');
  });

  it('lists only the caller’s own uploads in flight', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const mine = await start(t, w, { name: 'mine.txt', size: 3, type: 'text/plain' }, w.member.auth);
    await start(t, w, { name: 'theirs.txt', size: 3, type: 'text/plain' }, w.owner.auth);
    const res = await call(t, 'GET', uploads(w.org.id), w.member.auth);
    expect(res.json().files.map((f: { id: string }) => f.id)).toEqual([mine.file.id]);
  });
});

describe('library', () => {
  it('lists ready files with search, sort and cursor pages', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const names = ['alpha.txt', 'Beta report.pdf', 'gamma.png', 'beta notes.txt'];
    const made = [];
    for (const [i, name] of names.entries()) {
      made.push(
        await readyFile(t, {
          organizationId: w.org.id,
          ownerUserId: w.member.id,
          name,
          createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
        }),
      );
    }
    // Neither a pending upload nor a logo is listed.
    await start(t, w, { name: 'pending.txt', size: 3, type: 'text/plain' });
    await readyFile(t, {
      organizationId: w.org.id,
      ownerUserId: w.owner.id,
      purpose: 'org_logo',
      name: 'logo.png',
    });

    const first = await call(t, 'GET', `${files(w.org.id)}?limit=3`, w.member.auth);
    expect(first.json().files.map((f: { name: string }) => f.name)).toEqual([
      'beta notes.txt',
      'gamma.png',
      'Beta report.pdf',
    ]);
    const second = await call(
      t,
      'GET',
      `${files(w.org.id)}?limit=3&cursor=${first.json().nextCursor}`,
      w.member.auth,
    );
    expect(second.json()).toMatchObject({ files: [{ name: 'alpha.txt' }], nextCursor: null });
    const search = await call(t, 'GET', `${files(w.org.id)}?q=BETA&sort=name:asc`, w.member.auth);
    expect(search.json().files.map((f: { name: string }) => f.name)).toEqual([
      'Beta report.pdf',
      'beta notes.txt',
    ]);
    const forged = await call(
      t,
      'GET',
      `${files(w.org.id)}?cursor=${first.json().nextCursor}&q=beta`,
      w.member.auth,
    );
    expect(forged.statusCode).toBe(400);
  });

  it('deletes: own files for members, anyone’s for admins; unlisted at once, audited, file.deleted published', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const ownersFile = await readyFile(t, {
      organizationId: w.org.id,
      ownerUserId: w.owner.id,
      name: 'owner.txt',
    });
    const membersFile = await readyFile(t, {
      organizationId: w.org.id,
      ownerUserId: w.member.id,
      name: 'member.txt',
    });
    const denied = await call(t, 'DELETE', `${files(w.org.id)}/${ownersFile.id}`, w.member.auth);
    expect(denied.statusCode).toBe(403);
    const renameDenied = await call(t, 'PATCH', `${files(w.org.id)}/${ownersFile.id}`, w.member.auth, {
      name: 'x',
    });
    expect(renameDenied.statusCode).toBe(403);
    const since = new Date(Date.now() - 1000);
    expect((await call(t, 'DELETE', `${files(w.org.id)}/${membersFile.id}`, w.member.auth)).statusCode).toBe(
      204,
    );
    expect((await call(t, 'DELETE', `${files(w.org.id)}/${ownersFile.id}`, w.admin.auth)).statusCode).toBe(
      204,
    );
    const list = await call(t, 'GET', files(w.org.id), w.owner.auth);
    expect(list.json().files).toEqual([]);
    expect(list.json().usage.usedBytes).toBe(0);
    expect((await call(t, 'GET', `${files(w.org.id)}/${ownersFile.id}`, w.owner.auth)).statusCode).toBe(404);
    const row = await t.deps.db.file.findUniqueOrThrow({ where: { id: ownersFile.id } });
    expect(row.status).toBe('deleted');
    expect(row.deletedAt).not.toBeNull();
    // The objects stay until the worker purges them after the grace period.
    expect(await t.deps.storage.head(row.key)).not.toBeNull();
    const events = await t.deps.db.outboxEvent.findMany({
      where: { type: 'webhook.published', createdAt: { gte: since } },
      orderBy: { createdAt: 'asc' },
    });
    const published = events
      .map(
        (e) =>
          e.payload as {
            type: string;
            organizationId: string;
            data: { file: { id: string }; deletedBy: unknown };
          },
      )
      .filter((p) => p.type === 'file.deleted');
    expect(published.map((p) => [p.organizationId, p.data.file.id, p.data.deletedBy])).toEqual([
      [w.org.id, membersFile.id, { id: w.member.id }],
      [w.org.id, ownersFile.id, { id: w.admin.id }],
    ]);
    expect(
      await t.deps.db.auditLog.count({ where: { action: 'file.deleted', organizationId: w.org.id } }),
    ).toBe(2);
  });

  it('works with API keys by scope: files:read lists, files:write uploads', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const reader = await createKey(t, w.org.id, ['files:read']);
    const writer = await createKey(t, w.org.id, ['files:read', 'files:write']);
    expect((await call(t, 'GET', files(w.org.id), reader.auth)).statusCode).toBe(200);
    const refused = await call(t, 'POST', uploads(w.org.id), reader.auth, {
      name: 'a',
      size: 1,
      type: 'text/plain',
    });
    expect(refused.statusCode).toBe(403);
    const file = await uploadSmall(t, w, 'by-key.txt', Buffer.from('key'), 'text/plain', writer.auth);
    expect(file.status).toBe('uploaded');
    const row = await t.deps.db.file.findUniqueOrThrow({ where: { id: file.id } });
    expect(row.ownerUserId).toBeNull();
    const audit = await t.deps.db.auditLog.findFirstOrThrow({
      where: { targetId: file.id, action: 'file.uploaded' },
    });
    expect(audit.diff).toMatchObject({ after: { apiKeyId: writer.row.id } });
  });
});

describe('downloads', () => {
  async function fetchDisposition(url: string) {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    return { disposition: res.headers.get('content-disposition'), type: res.headers.get('content-type') };
  }

  it('serves SVG and HTML as attachments even when inline is asked for; PNG and PDF inline', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const svg = await readyFile(t, {
      organizationId: w.org.id,
      ownerUserId: w.owner.id,
      name: 'logo.svg',
      type: 'image/svg+xml',
      body: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    });
    const html = await readyFile(t, {
      organizationId: w.org.id,
      ownerUserId: w.owner.id,
      name: 'page.html',
      type: 'text/html',
      body: '<script>1</script>',
    });
    const png = await readyFile(t, {
      organizationId: w.org.id,
      ownerUserId: w.owner.id,
      name: 'pic.png',
      type: 'image/png',
      body: 'png',
      variants: ['thumb'],
    });
    const pdf = await readyFile(t, {
      organizationId: w.org.id,
      ownerUserId: w.owner.id,
      name: 'Résumé.pdf',
      type: 'application/pdf',
      body: '%PDF',
    });

    for (const file of [svg, html]) {
      const res = await call(
        t,
        'GET',
        `${files(w.org.id)}/${file.id}/download?disposition=inline`,
        w.member.auth,
      );
      expect(res.statusCode).toBe(200);
      expect(res.json().disposition).toBe('attachment');
      expect(res.headers['cache-control']).toBe('no-store');
      const got = await fetchDisposition(res.json().url);
      expect(got.disposition).toMatch(/^attachment; filename="/);
      expect(got.type).toBe('application/octet-stream');
    }
    const inlinePng = await call(
      t,
      'GET',
      `${files(w.org.id)}/${png.id}/download?disposition=inline`,
      w.member.auth,
    );
    expect(inlinePng.json().disposition).toBe('inline');
    expect(await fetchDisposition(inlinePng.json().url)).toEqual({
      disposition: `inline; filename="pic.png"; filename*=UTF-8''pic.png`,
      type: 'image/png',
    });
    const pdfRes = await call(
      t,
      'GET',
      `${files(w.org.id)}/${pdf.id}/download?disposition=inline`,
      w.member.auth,
    );
    expect((await fetchDisposition(pdfRes.json().url)).disposition).toBe(
      `inline; filename="Resume.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9.pdf`,
    );
    // Attachment is the default.
    const plain = await call(t, 'GET', `${files(w.org.id)}/${png.id}/download`, w.member.auth);
    expect(plain.json().disposition).toBe('attachment');
    // The thumbnail, where the worker made one; 404 where it did not.
    const thumb = await call(
      t,
      'GET',
      `${files(w.org.id)}/${png.id}/download?variant=thumb&disposition=inline`,
      w.member.auth,
    );
    expect(thumb.statusCode).toBe(200);
    expect(await fetchDisposition(thumb.json().url)).toMatchObject({ type: 'image/webp' });
    const noThumb = await call(
      t,
      'GET',
      `${files(w.org.id)}/${pdf.id}/download?variant=thumb`,
      w.member.auth,
    );
    expect(noThumb.statusCode).toBe(404);
  });

  it('refuses a file that is not ready with file_not_ready', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const started = await start(t, w, { name: 'wip.txt', size: 3, type: 'text/plain' });
    const res = await call(t, 'GET', `${files(w.org.id)}/${started.file.id}/download`, w.owner.auth);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('file_not_ready');
    const one = await call(t, 'GET', `${files(w.org.id)}/${started.file.id}`, w.owner.auth);
    expect(one.json().file.status).toBe('pending');
  });
});
