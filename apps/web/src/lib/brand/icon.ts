/**
 * The app icon, drawn once: the Layers glyph the headers show, white on the brand blue (the
 * light theme's --primary, oklch(0.47 0.16 264)). src/app/icon.svg is this same drawing as a
 * file; the PNG sizes (apple-icon, manifest icons, favicon.ico) are rendered from `iconSvg`.
 */
export const BRAND = {
  primary: '#2a53b3',
  onPrimary: '#f9fafb',
  /** The page backgrounds of the two themes (also the viewport's theme-color). */
  light: '#fcfcfd',
  dark: '#15171e',
} as const;

const GLYPH = [
  'M12.83 2.18a2 2 0 0 0-1.66 0L2.6 6.08a1 1 0 0 0 0 1.83l8.58 3.91a2 2 0 0 0 1.66 0l8.58-3.9a1 1 0 0 0 0-1.83z',
  'M2 12a1 1 0 0 0 .58.91l8.6 3.91a2 2 0 0 0 1.65 0l8.58-3.9A1 1 0 0 0 22 12',
  'M2 17a1 1 0 0 0 .58.91l8.6 3.91a2 2 0 0 0 1.65 0l8.58-3.9A1 1 0 0 0 22 17',
];

/**
 * The icon as SVG. `fullBleed` fills the whole square (maskable and Apple icons, which the
 * platform rounds itself); otherwise the square has rounded corners like the header's logo.
 */
export function iconSvg({ fullBleed = false }: { fullBleed?: boolean } = {}): string {
  // The glyph is 24 units wide; full-bleed icons keep it inside the 80% safe zone.
  const k = ((fullBleed ? 0.6 : 0.7) * 64) / 24;
  const offset = Number((32 - 12 * k).toFixed(2));
  const paths = GLYPH.map((d) => `<path d="${d}"/>`).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><title>Groundwork</title>` +
    `<rect width="64" height="64" rx="${fullBleed ? 0 : 14}" fill="${BRAND.primary}"/>` +
    `<g transform="translate(${offset} ${offset}) scale(${Number(k.toFixed(4))})" fill="none" stroke="${BRAND.onPrimary}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${paths}</g>` +
    `</svg>`
  );
}

/**
 * An ICO file holding PNG images (the format every browser and Windows accepts since Vista):
 * a 6-byte header, one 16-byte directory entry per image, then the PNG bytes.
 */
export function pngsToIco(images: { size: number; png: Uint8Array }[]): Uint8Array {
  const headerSize = 6 + 16 * images.length;
  const total = headerSize + images.reduce((n, i) => n + i.png.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0, true); // reserved
  view.setUint16(2, 1, true); // type: icon
  view.setUint16(4, images.length, true);
  let offset = headerSize;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    view.setUint8(entry, size >= 256 ? 0 : size); // width (0 means 256)
    view.setUint8(entry + 1, size >= 256 ? 0 : size); // height
    view.setUint8(entry + 2, 0); // palette colours
    view.setUint8(entry + 3, 0); // reserved
    view.setUint16(entry + 4, 1, true); // colour planes
    view.setUint16(entry + 6, 32, true); // bits per pixel
    view.setUint32(entry + 8, png.length, true);
    view.setUint32(entry + 12, offset, true);
    out.set(png, offset);
    offset += png.length;
  });
  return out;
}
