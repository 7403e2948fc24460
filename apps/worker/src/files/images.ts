import { AVATAR_SIZES } from '@repo/contracts';
import sharp, { type Sharp } from 'sharp';

// The worker is long-lived and sees each image once: libvips' operation cache would only hold
// memory that the next job never reuses.
sharp.cache(false);

/** Formats the worker decodes for previews (the prebuilt libvips reads these safely). */
const DECODABLE = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/avif', 'image/tiff']);

export const canMakeVariants = (detectedType: string | null) =>
  detectedType !== null && DECODABLE.has(detectedType);

/** Library thumbnails fit this box; avatars and logos come in the contract's AVATAR_SIZES squares. */
export const THUMB_SIZE = 320;
/** A decode that takes longer than this is abandoned (a crafted file, or an overloaded box). */
const TIMEOUT_SECONDS = 30;

export type VariantSet = 'thumb' | 'square';

export interface Variant {
  /** `thumb`, or the square size as a string (`"64"`), the key in File.variants. */
  name: string;
  body: Buffer;
}

export type VariantsResult =
  | { ok: true; width: number; height: number; variants: Variant[] }
  | { ok: false; reason: 'image_too_large' | 'image_unreadable' };

/**
 * Makes an image's WebP variants: a thumbnail fitting THUMB_SIZE for the file library, or the
 * center-cropped squares for avatars and logos. The header is read first and an image over
 * `maxPixels` is refused before a single pixel is decoded, so a decompression bomb (a few hundred
 * KB that claim 50,000 × 50,000 pixels) costs nothing; libvips enforces the same limit again on
 * the decode itself. Animated images give their first frame; EXIF orientation is applied and
 * every metadata block (EXIF, GPS, ICC comments) is dropped from the output.
 */
export async function makeVariants(
  input: Buffer,
  set: VariantSet,
  maxPixels: number,
): Promise<VariantsResult> {
  let width: number;
  let height: number;
  try {
    const meta = await sharp(input, { limitInputPixels: false }).metadata();
    // For an animated image, height is one frame's (pageHeight): only the first is decoded.
    width = meta.autoOrient?.width ?? meta.width;
    height = meta.autoOrient?.height ?? meta.pageHeight ?? meta.height;
  } catch {
    return { ok: false, reason: 'image_unreadable' };
  }
  if (!width || !height) return { ok: false, reason: 'image_unreadable' };
  if (width * height > maxPixels) return { ok: false, reason: 'image_too_large' };

  const source = sharp(input, { limitInputPixels: maxPixels, failOn: 'error', autoOrient: true }).timeout({
    seconds: TIMEOUT_SECONDS,
  });
  try {
    const variants =
      set === 'thumb'
        ? [{ name: 'thumb', body: await thumbnail(source) }]
        : await Promise.all(
            AVATAR_SIZES.map(async (size) => ({ name: String(size), body: await square(source, size) })),
          );
    return { ok: true, width, height, variants };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    return { ok: false, reason: /pixel limit/i.test(message) ? 'image_too_large' : 'image_unreadable' };
  }
}

const thumbnail = (source: Sharp) =>
  source
    .clone()
    .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();

// Cover + centre: the middle square of a portrait or landscape photo, scaled up when smaller.
const square = (source: Sharp, size: number) =>
  source.clone().resize(size, size, { fit: 'cover', position: 'centre' }).webp({ quality: 82 }).toBuffer();
