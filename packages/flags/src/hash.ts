import { BASIS_POINTS } from './schema';

/**
 * MurmurHash3 x86 32-bit over the UTF-8 bytes of a string.
 *
 * Why this hash: it is fast, well distributed (passes SMHasher), has published test vectors, and
 * is a few lines of plain JavaScript, so the same code runs synchronously in Node, the worker,
 * the edge runtime and the browser, without `node:crypto` or async WebCrypto. It is not a
 * cryptographic hash, and need not be: bucketing only needs uniformity and stability.
 *
 * Changing this function (or the input format in `bucketOf`) reshuffles every rollout; the golden
 * tests in hash.test.ts exist to catch that.
 */
const encoder = new TextEncoder();

export function murmur3(input: string, seed = 0): number {
  const bytes = encoder.encode(input);
  const len = bytes.length;
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = seed >>> 0;
  const blocks = len - (len % 4);

  for (let i = 0; i < blocks; i += 4) {
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }

  const tail = len & 3;
  if (tail > 0) {
    let k = 0;
    if (tail === 3) k ^= bytes[blocks + 2]! << 16;
    if (tail >= 2) k ^= bytes[blocks + 1]! << 8;
    k ^= bytes[blocks]!;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }

  h ^= len;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The bucket (0–9999) of an id for a flag: murmur3(`${flagKey}:${id}`) mod 10000. Including the
 * flag key makes buckets independent between flags, so the same users are not first in every
 * rollout. (The modulo bias of 2^32 mod 10000 is below one part in 400,000: negligible.)
 */
export function bucketOf(flagKey: string, id: string): number {
  return murmur3(`${flagKey}:${id}`) % BASIS_POINTS;
}
