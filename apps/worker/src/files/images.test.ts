import { AVATAR_SIZES } from '@repo/contracts';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { animatedGif, html, jpeg, png, pngBomb } from './file-bytes.test-support';
import { canMakeVariants, makeVariants, THUMB_SIZE } from './images';

const MAX_PIXELS = 40_000_000;

async function describeWebp(body: Buffer) {
  const meta = await sharp(body).metadata();
  return { format: meta.format, width: meta.width, height: meta.height, exif: meta.exif };
}

describe('makeVariants', () => {
  it('makes a WebP thumbnail that fits the box and keeps the aspect ratio', async () => {
    const result = await makeVariants(await png(1600, 900), 'thumb', MAX_PIXELS);
    expect(result).toMatchObject({ ok: true, width: 1600, height: 900 });
    if (!result.ok) return;
    expect(result.variants.map((v) => v.name)).toEqual(['thumb']);
    expect(await describeWebp(result.variants[0]!.body)).toEqual({
      format: 'webp',
      width: THUMB_SIZE,
      height: 180,
      exif: undefined,
    });
  });

  it('never enlarges a small image for its thumbnail', async () => {
    const result = await makeVariants(await png(100, 40), 'thumb', MAX_PIXELS);
    if (!result.ok) throw new Error(result.reason);
    expect(await describeWebp(result.variants[0]!.body)).toMatchObject({ width: 100, height: 40 });
  });

  it('makes centre-cropped squares for avatars, at every size', async () => {
    // Left half red, right half blue... cropped from the middle, the centre column is the seam.
    const wide = await sharp({ create: { width: 900, height: 300, channels: 3, background: '#00ff00' } })
      .composite([
        {
          input: await sharp({ create: { width: 300, height: 300, channels: 3, background: '#ff0000' } })
            .png()
            .toBuffer(),
          left: 0,
          top: 0,
        },
        {
          input: await sharp({ create: { width: 300, height: 300, channels: 3, background: '#0000ff' } })
            .png()
            .toBuffer(),
          left: 600,
          top: 0,
        },
      ])
      .jpeg()
      .toBuffer();
    const result = await makeVariants(wide, 'square', MAX_PIXELS);
    if (!result.ok) throw new Error(result.reason);
    expect(result.variants.map((v) => v.name)).toEqual(AVATAR_SIZES.map(String));
    for (const [i, size] of AVATAR_SIZES.entries()) {
      expect(await describeWebp(result.variants[i]!.body)).toMatchObject({
        format: 'webp',
        width: size,
        height: size,
      });
    }
    // The middle third of the picture is green: a centre crop shows neither the red nor the blue edge.
    const { channels } = await sharp(result.variants[2]!.body).stats();
    expect(channels[1]!.mean).toBeGreaterThan(200);
    expect(channels[0]!.mean).toBeLessThan(40);
    expect(channels[2]!.mean).toBeLessThan(40);
  });

  it('turns an animated GIF into its first frame', async () => {
    const result = await makeVariants(await animatedGif(), 'square', MAX_PIXELS);
    if (!result.ok) throw new Error(result.reason);
    expect(result).toMatchObject({ width: 40, height: 30 });
    const meta = await sharp(result.variants[0]!.body).metadata();
    expect(meta.pages ?? 1).toBe(1);
    const { channels } = await sharp(result.variants[0]!.body).stats();
    expect(channels[0]!.mean).toBeGreaterThan(200); // red, the first frame
    expect(channels[2]!.mean).toBeLessThan(40);
  });

  it('drops EXIF data and applies its orientation', async () => {
    // Stored 200 × 100 with "rotate 90°" in EXIF: it is shown, and must be resized, as 100 × 200.
    const rotated = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#888888' } })
      .jpeg()
      .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'someone', Artist: 'GPS secret' } } })
      .toBuffer();
    expect((await sharp(rotated).metadata()).exif).toBeDefined();
    const result = await makeVariants(rotated, 'thumb', MAX_PIXELS);
    if (!result.ok) throw new Error(result.reason);
    expect(result).toMatchObject({ width: 100, height: 200 });
    expect(await describeWebp(result.variants[0]!.body)).toEqual({
      format: 'webp',
      width: 100,
      height: 200,
      exif: undefined,
    });
  });

  it('rejects a 50,000 × 50,000 PNG (a decompression bomb) from its header', async () => {
    const bomb = await pngBomb();
    expect(bomb.length).toBeLessThan(1024 * 1024); // small on disk...
    const before = process.memoryUsage().rss;
    expect(await makeVariants(bomb, 'thumb', MAX_PIXELS)).toEqual({ ok: false, reason: 'image_too_large' });
    expect(await makeVariants(bomb, 'square', MAX_PIXELS)).toEqual({ ok: false, reason: 'image_too_large' });
    // ...2.5 GB decoded; refusing it allocated next to nothing.
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
  });

  it('applies the configured pixel limit exactly', async () => {
    const image = await png(100, 100);
    expect(await makeVariants(image, 'thumb', 10_000)).toMatchObject({ ok: true });
    expect(await makeVariants(image, 'thumb', 9_999)).toEqual({ ok: false, reason: 'image_too_large' });
  });

  it('reports bytes that are not a decodable image', async () => {
    expect(await makeVariants(html(), 'thumb', MAX_PIXELS)).toEqual({
      ok: false,
      reason: 'image_unreadable',
    });
    // A real PNG cut short: the header reads, the pixels do not.
    const whole = await sharp({
      create: {
        width: 400,
        height: 400,
        channels: 3,
        background: '#000000',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png()
      .toBuffer();
    const truncated = whole.subarray(0, Math.floor(whole.length / 2));
    expect(await makeVariants(truncated, 'square', MAX_PIXELS)).toEqual({
      ok: false,
      reason: 'image_unreadable',
    });
  });
});

describe('helpers', () => {
  it('canMakeVariants covers the raster formats, never SVG or PDF', () => {
    expect(canMakeVariants('image/png')).toBe(true);
    expect(canMakeVariants('image/gif')).toBe(true);
    expect(canMakeVariants('image/svg+xml')).toBe(false);
    expect(canMakeVariants('application/pdf')).toBe(false);
    expect(canMakeVariants(null)).toBe(false);
  });
});

it('fixtures are what they claim', async () => {
  expect((await sharp(await jpeg()).metadata()).format).toBe('jpeg');
});
