import { FILE_VARIANTS, fileVariantKey } from '@repo/contracts';

/**
 * A file uploaded with a presigned POST is served from a copy: the POST stays valid until it
 * expires, so the key it was signed for can be written again after the check. The worker copies
 * the object to `<upload key>.v`, a key no URL is ever signed for, checks that copy and serves it
 * (docs/files.md, "Verification and images"). Same `o/` or `u/` prefix, so the orphan reconcile
 * covers both. A multipart upload keeps its key: once completed it cannot be written again.
 */
const VERIFIED_SUFFIX = '.v';

export const isVerifiedKey = (key: string) => key.endsWith(VERIFIED_SUFFIX);

/** `o/<org>/<file>` → `o/<org>/<file>.v` (and a verified key stays as it is). */
export const verifiedKeyOf = (key: string) => (isVerifiedKey(key) ? key : `${key}${VERIFIED_SUFFIX}`);

/** `o/<org>/<file>.v` → `o/<org>/<file>`: the key the upload was signed for. */
export const uploadKeyOf = (key: string) =>
  isVerifiedKey(key) ? key.slice(0, -VERIFIED_SUFFIX.length) : key;

/**
 * Every key a file may own, whichever of its keys its row names now: the upload key, the
 * verified copy, and each variant of either, whether made yet or not.
 */
export const objectKeysOf = (key: string) =>
  [uploadKeyOf(key), verifiedKeyOf(key)].flatMap((k) => [
    k,
    ...FILE_VARIANTS.map((v) => fileVariantKey(k, v)),
  ]);

/** `o/<org>/<file>.v.thumb.webp` → `o/<org>/<file>.v`: the key of the object a variant belongs to. */
export const originalKeyOf = (key: string) => key.replace(/\.(?:thumb|\d+)\.webp$/, '');

/**
 * The row keys under which an object (listed by the orphan reconcile) still belongs to a file.
 * A variant belongs to its original. A verified copy belongs to a row that names it, or to one
 * that still names the upload key (a check that copied but did not record it yet). An upload key
 * belongs only to a row that names it: once the row moved on to the copy, anything posted there
 * is an orphan, never served.
 */
export function rowKeysFor(objectKey: string): string[] {
  const original = originalKeyOf(objectKey);
  return isVerifiedKey(original) ? [original, uploadKeyOf(original)] : [original];
}
