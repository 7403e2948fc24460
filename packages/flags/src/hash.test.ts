import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate';
import { booleanFlag, multiFlag, parse } from './flags.test-support';
import { bucketOf, murmur3 } from './hash';

describe('murmur3', () => {
  // Published MurmurHash3_x86_32 test vectors (SMHasher reference implementation).
  it.each([
    ['', 0, 0],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['\0\0\0\0', 0, 0x2362f9de],
    ['aaaa', 0x9747b28c, 0x5a97808a],
    ['abc', 0x9747b28c, 0xc84a62dd],
    ['Hello, world!', 0x9747b28c, 0x24884cba],
    ['ππππππππ', 0x9747b28c, 0xd58063c1],
    ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
    ['hello', 0, 0x248bfa47],
    ['The quick brown fox jumps over the lazy dog', 0, 0x2e4ff723],
  ])('hashes %j with seed %i to the reference value', (input, seed, expected) => {
    expect(murmur3(input, seed)).toBe(expected);
  });
});

describe('bucketOf', () => {
  // Golden values: if one changes, every rollout in production reshuffles. Do not update them
  // without a migration plan.
  it.each([
    ['new-dashboard', 'usr_1', 1331],
    ['new-dashboard', 'usr_2', 7620],
    ['checkout.button-color', 'org_acme', 9565],
    ['checkout.button-color', 'usr_1', 5809],
    ['a', 'b', 2131],
    ['beta.search-v2', 'ユーザー', 3921],
  ])('buckets %s:%s into %i', (key, id, bucket) => {
    expect(bucketOf(key, id)).toBe(bucket);
  });

  it('is murmur3 of "key:id" modulo 10000', () => {
    expect(bucketOf('k', 'id')).toBe(murmur3('k:id') % 10_000);
  });
});

const ids = Array.from({ length: 100_000 }, (_, i) => `user-${i}`);

function shares(variants: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of variants) counts[v] = (counts[v] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, (n / variants.length) * 100]));
}

describe('rollout distribution over 100,000 ids', () => {
  it('lands a 10/90 split within ±2 points', () => {
    const flag = parse(booleanFlag({ rollout: { by: 'user', weights: { off: 90, on: 10 } } }));
    const got = shares(ids.map((id) => evaluate(flag, { userId: id }, 'production').variant));
    expect(got.on).toBeGreaterThan(8);
    expect(got.on).toBeLessThan(12);
    expect(got.off).toBeGreaterThan(88);
    expect(got.off).toBeLessThan(92);
  });

  it('lands a 33.33/33.33/33.34 split within ±2 points', () => {
    const flag = parse(
      multiFlag({ rollout: { by: 'organization', weights: { control: 33.33, blue: 33.33, green: 33.34 } } }),
    );
    const got = shares(ids.map((id) => evaluate(flag, { organizationId: id }, 'production').variant));
    for (const [variant, target] of [
      ['control', 33.33],
      ['blue', 33.33],
      ['green', 33.34],
    ] as const) {
      expect(Math.abs(got[variant]! - target), `${variant}: ${got[variant]}%`).toBeLessThan(2);
    }
  });

  it('spreads buckets evenly: each tenth of the range holds 10% ± 1 point', () => {
    const deciles = new Array<number>(10).fill(0);
    for (const id of ids) deciles[Math.floor(bucketOf('uniformity', id) / 1000)]! += 1;
    for (const n of deciles) expect(Math.abs((n / ids.length) * 100 - 10)).toBeLessThan(1);
  });

  it('gives independent buckets to different flag keys', () => {
    const sameBucket = ids.filter((id) => bucketOf('flag-a', id) === bucketOf('flag-b', id)).length;
    expect(sameBucket / ids.length).toBeLessThan(0.01);

    // The 10% who get flag-a are not the 10% who get flag-b: about 10% of them also get flag-b.
    const a = parse(booleanFlag({ key: 'flag-a', rollout: { by: 'user', weights: { off: 90, on: 10 } } }));
    const b = parse(booleanFlag({ key: 'flag-b', rollout: { by: 'user', weights: { off: 90, on: 10 } } }));
    const onA = ids.filter((id) => evaluate(a, { userId: id }, 'test').variant === 'on');
    const alsoOnB = onA.filter((id) => evaluate(b, { userId: id }, 'test').variant === 'on');
    expect(Math.abs((alsoOnB.length / onA.length) * 100 - 10)).toBeLessThan(2);
  });
});
