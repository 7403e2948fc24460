import { fileVariantKey } from '@repo/contracts';
import { describe, expect, it } from 'vitest';
import { isVerifiedKey, objectKeysOf, originalKeyOf, rowKeysFor, uploadKeyOf, verifiedKeyOf } from './keys';

describe('object keys', () => {
  const key = 'o/0193a1b2-0000-7000-8000-000000000001/0193a1b2-0000-7000-8000-0000000000f1';
  const verified = `${key}.v`;

  it('verifiedKeyOf and uploadKeyOf go between the upload key and its verified copy', () => {
    expect(verifiedKeyOf(key)).toBe(verified);
    expect(verifiedKeyOf(verified)).toBe(verified);
    expect(uploadKeyOf(verified)).toBe(key);
    expect(uploadKeyOf(key)).toBe(key);
    expect(isVerifiedKey(verified)).toBe(true);
    expect(isVerifiedKey(key)).toBe(false);
    expect(verified.startsWith('o/')).toBe(true);
  });

  it('originalKeyOf maps each variant to the key of its object, and leaves originals alone', () => {
    for (const variant of ['thumb', '64', '128', '256'] as const) {
      expect(originalKeyOf(fileVariantKey(key, variant))).toBe(key);
      expect(originalKeyOf(fileVariantKey(verified, variant))).toBe(verified);
    }
    expect(originalKeyOf(key)).toBe(key);
    expect(originalKeyOf(verified)).toBe(verified);
    // Only the worker's own suffixes: anything else is a key of its own (and an orphan if no row has it).
    expect(originalKeyOf(`${key}.webp`)).toBe(`${key}.webp`);
    expect(originalKeyOf(`${key}.thumb.png`)).toBe(`${key}.thumb.png`);
  });

  it('objectKeysOf names both keys and every variant of either, from either key', () => {
    const all = [
      key,
      `${key}.thumb.webp`,
      `${key}.64.webp`,
      `${key}.128.webp`,
      `${key}.256.webp`,
      verified,
      `${verified}.thumb.webp`,
      `${verified}.64.webp`,
      `${verified}.128.webp`,
      `${verified}.256.webp`,
    ];
    expect(objectKeysOf(key)).toEqual(all);
    expect(objectKeysOf(verified)).toEqual(all);
  });

  it('rowKeysFor: an upload key belongs only to a row naming it, a verified copy also to its upload', () => {
    expect(rowKeysFor(key)).toEqual([key]);
    expect(rowKeysFor(fileVariantKey(key, 'thumb'))).toEqual([key]);
    expect(rowKeysFor(verified)).toEqual([verified, key]);
    expect(rowKeysFor(fileVariantKey(verified, '64'))).toEqual([verified, key]);
  });
});
