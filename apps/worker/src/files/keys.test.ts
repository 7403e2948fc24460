import { fileVariantKey } from '@repo/contracts';
import { describe, expect, it } from 'vitest';
import { originalKeyOf } from './housekeeping';
import { objectKeysOf } from './verify';

describe('object keys', () => {
  const key = 'o/0193a1b2-0000-7000-8000-000000000001/0193a1b2-0000-7000-8000-0000000000f1';

  it('originalKeyOf maps each variant to the key of its row, and leaves originals alone', () => {
    for (const variant of ['thumb', '64', '128', '256'] as const) {
      expect(originalKeyOf(fileVariantKey(key, variant))).toBe(key);
    }
    expect(originalKeyOf(key)).toBe(key);
    // Only the worker's own suffixes: anything else is a key of its own (and an orphan if no row has it).
    expect(originalKeyOf(`${key}.webp`)).toBe(`${key}.webp`);
    expect(originalKeyOf(`${key}.thumb.png`)).toBe(`${key}.thumb.png`);
  });

  it('objectKeysOf names the original and every variant it may have', () => {
    expect(objectKeysOf(key)).toEqual([
      key,
      `${key}.thumb.webp`,
      `${key}.64.webp`,
      `${key}.128.webp`,
      `${key}.256.webp`,
    ]);
  });
});
