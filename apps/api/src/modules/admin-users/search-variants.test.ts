import { describe, expect, it } from 'vitest';
import { MAX_VARIANTS, transpositionVariants } from './search-variants';

const texts = (q: string) => transpositionVariants(q).map((v) => v.text);

describe('transpositionVariants', () => {
  it('undoes one swap per word, so two swapped words come back together', () => {
    const variants = transpositionVariants('Dnaa Prboe');
    expect(variants).toContainEqual({ text: 'dana probe', swaps: 2 });
    expect(variants).toContainEqual({ text: 'dana prboe', swaps: 1 });
    expect(variants).toContainEqual({ text: 'dnaa probe', swaps: 1 });
  });

  it('lists the cheaper variants first and never the search itself', () => {
    const variants = transpositionVariants('Dnaa Prboe');
    const swaps = variants.map((v) => v.swaps);
    expect(swaps).toEqual([...swaps].sort((a, b) => a - b));
    expect(texts('Dnaa Prboe')).not.toContain('dnaa prboe');
    expect(new Set(texts('Dnaa Prboe')).size).toBe(variants.length);
  });

  it('leaves short words, equal neighbours and non-letters alone', () => {
    expect(texts('Al')).toEqual([]);
    expect(texts('aaa')).toEqual([]);
    expect(texts('a.b')).toEqual([]);
    expect(texts('ab1')).toEqual(['ba1']);
  });

  it('keeps the list bounded for long searches', () => {
    expect(transpositionVariants('Bartholomew Fitzgerald Montgomery Wellington').length).toBe(MAX_VARIANTS);
    expect(transpositionVariants('abcdefgh', 3)).toHaveLength(3);
  });

  it('handles letters outside ASCII as letters', () => {
    expect(texts('Zoë')).toContain('zëo');
    expect(texts('Łukasz')).toContain('ułkasz');
  });
});
