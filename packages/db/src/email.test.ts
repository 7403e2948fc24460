import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './email';

describe('normalizeEmail', () => {
  it.each([
    ['  Ada@Example.COM ', 'ada@example.com'],
    ['ＡＤＡ@ｅｘａｍｐｌｅ.com', 'ada@example.com'],
    ['ada@example.com.', 'ada@example.com'],
    ['Ada+Tag@Example.com', 'ada+tag@example.com'],
    ['ada@bücher.de', 'ada@xn--bcher-kva.de'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  it('keeps a Cyrillic look-alike domain distinct from the Latin one', () => {
    const latin = normalizeEmail('ada@example.com');
    const cyrillic = normalizeEmail('ada@exаmple.com'); // U+0430
    expect(cyrillic).not.toBe(latin);
    expect(cyrillic).toMatch(/@xn--/);
  });

  it('is idempotent', () => {
    for (const e of ['Ada@Example.COM.', 'ＡＤＡ@bücher.de']) {
      expect(normalizeEmail(normalizeEmail(e))).toBe(normalizeEmail(e));
    }
  });
});
