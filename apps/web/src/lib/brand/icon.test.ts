import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BRAND, iconSvg, pngsToIco } from './icon';

describe('app icon', () => {
  it('src/app/icon.svg is the same drawing the PNG sizes are rendered from', () => {
    const file = readFileSync(new URL('../../app/icon.svg', import.meta.url), 'utf8');
    expect(file.trim()).toBe(iconSvg());
  });

  it('is the brand blue with rounded corners, full bleed for platforms that round it themselves', () => {
    expect(iconSvg()).toContain(`fill="${BRAND.primary}"`);
    expect(iconSvg()).toMatch(/rx="14"/);
    expect(iconSvg({ fullBleed: true })).toMatch(/rx="0"/);
  });
});

describe('pngsToIco', () => {
  const png = (n: number) => Uint8Array.from({ length: n }, (_, i) => i % 251);

  it('writes the ICO header and one directory entry per image pointing at its bytes', () => {
    const images = [
      { size: 16, png: png(10) },
      { size: 32, png: png(20) },
      { size: 256, png: png(5) },
    ];
    const ico = pngsToIco(images);
    const view = new DataView(ico.buffer);
    expect([view.getUint16(0, true), view.getUint16(2, true), view.getUint16(4, true)]).toEqual([0, 1, 3]);
    expect(ico.length).toBe(6 + 16 * 3 + 35);
    let expectedOffset = 6 + 16 * 3;
    images.forEach(({ size, png: bytes }, i) => {
      const entry = 6 + 16 * i;
      expect(view.getUint8(entry)).toBe(size === 256 ? 0 : size);
      expect(view.getUint16(entry + 6, true)).toBe(32);
      expect(view.getUint32(entry + 8, true)).toBe(bytes.length);
      const offset = view.getUint32(entry + 12, true);
      expect(offset).toBe(expectedOffset);
      expect(ico.slice(offset, offset + bytes.length)).toEqual(bytes);
      expectedOffset += bytes.length;
    });
  });
});
