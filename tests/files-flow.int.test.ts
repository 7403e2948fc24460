/**
 * Uploads end to end: the API presigns → the bytes go straight to the bucket (the embedded S3
 * server) → the API completes → its outbox event reaches the real worker process → the worker
 * checks the bytes and makes the variants → the API lists and serves the file.
 */
import { randomUUID } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { buildTestApp, type TestApp } from '@repo/api/test-support';
import { startWorkerProcess, uniqueEmail, type WorkerProcess } from '@repo/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApp;
let worker: WorkerProcess;

beforeAll(async () => {
  worker = await startWorkerProcess({ OUTBOX_POLL_MS: '200' });
  api = await buildTestApp();
}, 60_000);
afterAll(async () => {
  await worker?.stop('SIGTERM');
  await api?.close();
});

/** A solid-colour RGB PNG, written by hand (this package has no image library). */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x80)]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const isWebp = (bytes: Buffer) =>
  bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';

async function member() {
  const user = await api.deps.db.user.create({
    data: { email: uniqueEmail('files-flow'), name: 'Uma Upload', emailVerifiedAt: new Date() },
  });
  const org = await api.deps.db.organization.create({
    data: {
      name: 'Flow Files',
      slug: `flow-files-${randomUUID().slice(0, 8)}`,
      memberships: { create: { userId: user.id, role: 'owner' } },
    },
  });
  const token = api.app.accessTokens.sign({
    sub: user.id,
    sid: randomUUID(),
    role: 'user',
    amr: ['pwd'],
    auth_time: Math.floor(Date.now() / 1000),
  });
  return { user, org, auth: `Bearer ${token}` };
}

/** POSTs bytes to the bucket the way a browser does, with a presigned POST's URL and fields. */
async function post(to: { url: string; fields: Record<string, string> }, bytes: Buffer, type: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(to.fields)) form.append(k, v);
  form.append('file', new Blob([bytes], { type }), 'upload');
  return (await fetch(to.url, { method: 'POST', body: form })).status;
}

/** Presign, POST the bytes to the bucket the way a browser does, complete. */
async function upload(auth: string, base: string, file: { name: string; type: string; bytes: Buffer }) {
  const { id } = await uploadKeepingPost(auth, base, file);
  return id;
}

/** `upload`, also answering the presigned POST the API issued (still valid for 15 minutes). */
async function uploadKeepingPost(
  auth: string,
  base: string,
  file: { name: string; type: string; bytes: Buffer },
) {
  const started = await api.app.inject({
    method: 'POST',
    url: `${base}/uploads`,
    headers: { authorization: auth },
    payload: { name: file.name, size: file.bytes.length, type: file.type },
  });
  expect(started.statusCode, started.body).toBe(201);
  const { file: row, url, fields } = started.json();
  expect(await post({ url, fields }, file.bytes, file.type)).toBeLessThan(300);
  const done = await api.app.inject({
    method: 'POST',
    url: `${base}/uploads/${row.id}/complete`,
    headers: { authorization: auth },
    payload: {},
  });
  expect(done.statusCode, done.body).toBe(200);
  return { id: row.id as string, post: { url: url as string, fields: fields as Record<string, string> } };
}

async function settled(auth: string, url: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await api.app.inject({ method: 'GET', url, headers: { authorization: auth } });
    const { file } = res.json();
    if (file.status === 'ready' || file.status === 'rejected') return file;
    if (Date.now() > deadline) throw new Error(`still ${file.status}\n${worker.output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('files through the API and the worker', () => {
  it('a PNG becomes ready with a WebP thumbnail the API serves', async () => {
    const { org, auth } = await member();
    const base = `/v1/orgs/${org.id}/files`;
    const id = await upload(auth, base, { name: 'chart.png', type: 'image/png', bytes: png(800, 400) });
    const file = await settled(auth, `${base}/${id}`);
    expect(file).toMatchObject({ status: 'ready', contentType: 'image/png', variants: ['thumb'] });

    const listed = await api.app.inject({ method: 'GET', url: base, headers: { authorization: auth } });
    expect(listed.json().files.map((f: { id: string }) => f.id)).toContain(id);

    const link = await api.app.inject({
      method: 'GET',
      url: `${base}/${id}/download?variant=thumb&disposition=inline`,
      headers: { authorization: auth },
    });
    expect(link.statusCode, link.body).toBe(200);
    const thumb = Buffer.from(await (await fetch(link.json().url)).arrayBuffer());
    expect(isWebp(thumb)).toBe(true);
  });

  it('posting other bytes with the same presigned POST after the check changes nothing served', async () => {
    const { org, auth } = await member();
    const base = `/v1/orgs/${org.id}/files`;
    const bytes = png(120, 80);
    const { id, post: issued } = await uploadKeepingPost(auth, base, {
      name: 'photo.png',
      type: 'image/png',
      bytes,
    });
    expect(await settled(auth, `${base}/${id}`)).toMatchObject({ status: 'ready' });

    // Same length, so even a store that enforces the policy's exact size takes it.
    const page = Buffer.alloc(bytes.length, ' ');
    page.write('<!doctype html><script>alert(document.domain)</script>');
    expect(await post(issued, page, 'image/png')).toBeLessThan(300);

    for (const disposition of ['inline', 'attachment']) {
      const link = await api.app.inject({
        method: 'GET',
        url: `${base}/${id}/download?variant=original&disposition=${disposition}`,
        headers: { authorization: auth },
      });
      expect(link.statusCode, link.body).toBe(200);
      expect(Buffer.from(await (await fetch(link.json().url)).arrayBuffer())).toEqual(bytes);
    }
  });

  it('a PNG declared as a PDF is rejected, never listed, and its object deleted', async () => {
    const { org, auth } = await member();
    const base = `/v1/orgs/${org.id}/files`;
    const id = await upload(auth, base, { name: 'invoice.pdf', type: 'application/pdf', bytes: png(20, 20) });
    expect(await settled(auth, `${base}/${id}`)).toMatchObject({
      status: 'rejected',
      rejectReason: 'type_mismatch',
    });
    const listed = await api.app.inject({ method: 'GET', url: base, headers: { authorization: auth } });
    expect(listed.json().files.map((f: { id: string }) => f.id)).not.toContain(id);
    const row = await api.deps.db.file.findUniqueOrThrow({ where: { id } });
    expect(await api.deps.storage.head(row.key)).toBeNull();
  });

  it('an avatar becomes ready, is set on the account, and is served as a 64 px WebP', async () => {
    const { user, auth } = await member();
    const id = await upload(auth, '/v1/me/avatar', {
      name: 'me.png',
      type: 'image/png',
      bytes: png(300, 200),
    });
    expect(await settled(auth, `/v1/me/avatar/uploads/${id}`)).toMatchObject({ status: 'ready' });
    expect((await api.deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).avatarFileId).toBe(id);

    const me = await api.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: auth } });
    expect(me.json()).toMatchObject({ avatarUrl: `/v1/avatars/${id}` });
    const served = await api.app.inject({
      method: 'GET',
      url: `/v1/avatars/${id}?size=64`,
      headers: { authorization: auth },
    });
    expect(served.statusCode, served.body).toBe(302);
    const image = await fetch(String(served.headers.location));
    expect(image.status).toBe(200);
    expect(isWebp(Buffer.from(await image.arrayBuffer()))).toBe(true);
  });
});
