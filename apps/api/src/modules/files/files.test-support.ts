import { randomUUID } from 'node:crypto';
import { type FilePurpose, fileVariantKey } from '@repo/contracts';
import { expect } from 'vitest';
import type { TestApp } from '../../app.test-support';
import { randomIp } from '../auth/auth.test-support';

/** Test-only helpers for file tests (imported by *.int.test.ts only). */

export const MiB = 1024 * 1024;

export const call = (
  t: TestApp,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  auth: string,
  payload?: object,
) =>
  t.app.inject({
    method,
    url,
    remoteAddress: randomIp(),
    headers: { authorization: auth },
    ...(payload ? { payload } : {}),
  });

/** Sends bytes to a presigned POST the way a browser form does (fields first, the file last). */
export async function postToBucket(
  url: string,
  fields: Record<string, string>,
  body: Uint8Array,
  type: string,
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([body], { type }), 'upload');
  const res = await fetch(url, { method: 'POST', body: form });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return res;
}

/** PUTs one part to its presigned URL; answers the ETag S3 gives back. */
export async function putPart(url: string, body: Uint8Array): Promise<string> {
  const res = await fetch(url, { method: 'PUT', body });
  expect(res.status).toBe(200);
  const etag = res.headers.get('etag');
  expect(etag).toBeTruthy();
  return etag as string;
}

/**
 * What the worker does to a file that passes verification (the worker's own tests cover how):
 * `ready`, with variants written to the bucket for images. Here it only sets the state the API
 * reads, so the API's listing, download and image serving can be tested on their own.
 */
export async function markReady(
  t: TestApp,
  fileId: string,
  opts: { detectedType?: string; variants?: ('thumb' | '64' | '128' | '256')[] } = {},
) {
  const row = await t.deps.db.file.findUniqueOrThrow({ where: { id: fileId } });
  const variants: Record<string, string> = {};
  for (const v of opts.variants ?? []) {
    const key = fileVariantKey(row.key, v);
    await t.deps.storage.put({ key, body: `webp ${v}`, contentType: 'image/webp' });
    variants[v] = key;
  }
  return t.deps.db.file.update({
    where: { id: fileId },
    data: {
      status: 'ready',
      readyAt: new Date(),
      detectedType: opts.detectedType ?? row.declaredType,
      size: row.size ?? row.declaredSize,
      variants,
    },
  });
}

/** A ready file put straight into the bucket and the table (fixtures for listing and serving). */
export async function readyFile(
  t: TestApp,
  opts: {
    organizationId: string | null;
    ownerUserId: string;
    purpose?: FilePurpose;
    name?: string;
    type?: string;
    body?: string;
    variants?: ('thumb' | '64' | '128' | '256')[];
    createdAt?: Date;
  },
) {
  const id = randomUUID();
  const purpose = opts.purpose ?? 'org_file';
  const key = purpose === 'avatar' ? `u/${opts.ownerUserId}/${id}` : `o/${opts.organizationId}/${id}`;
  const body = opts.body ?? 'hello';
  const type = opts.type ?? 'text/plain';
  await t.deps.storage.put({ key, body, contentType: type });
  await t.deps.db.file.create({
    data: {
      id,
      organizationId: opts.organizationId,
      ownerUserId: opts.ownerUserId,
      purpose,
      status: 'uploaded',
      key,
      name: opts.name ?? 'hello.txt',
      declaredType: type,
      declaredSize: BigInt(Buffer.byteLength(body)),
      size: BigInt(Buffer.byteLength(body)),
      ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
    },
  });
  return markReady(t, id, { variants: opts.variants ?? [] });
}
