/**
 * A byte count in the largest unit that keeps it at or above 1 (binary steps of 1024, the way file
 * managers show sizes), ready for Intl's unit formatting (`style: 'unit'`).
 */
export type ByteUnit = 'byte' | 'kilobyte' | 'megabyte' | 'gigabyte' | 'terabyte';

const UNITS: ByteUnit[] = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'];

export function byteUnit(bytes: number): { value: number; unit: ByteUnit; fractionDigits: number } {
  let value = Math.max(0, bytes);
  let index = 0;
  while (value >= 1024 && index < UNITS.length - 1) {
    value /= 1024;
    index += 1;
  }
  // Bytes are whole; below 10 of a larger unit one decimal still says something (1.5 MB).
  const fractionDigits = index === 0 || value >= 10 ? 0 : 1;
  return { value, unit: UNITS[index] ?? 'byte', fractionDigits };
}

/** What kind of icon and preview a media type gets. */
export type FileKind = 'image' | 'pdf' | 'video' | 'audio' | 'text' | 'archive' | 'other';

export function fileKind(type: string): FileKind {
  const t = type.toLowerCase();
  if (t === 'application/pdf') return 'pdf';
  if (t.startsWith('image/')) return 'image';
  if (t.startsWith('video/')) return 'video';
  if (t.startsWith('audio/')) return 'audio';
  if (t.startsWith('text/') || t === 'application/json') return 'text';
  if (/zip|tar|gzip|x-7z|rar|compressed/.test(t)) return 'archive';
  return 'other';
}

/**
 * Whether the library previews a file in its dialog: raster images (the worker made a WebP
 * thumbnail, and the API serves them inline) and PDFs. SVG never: the API serves it as an
 * attachment only.
 */
export function previewable(type: string): boolean {
  const t = type.toLowerCase();
  return (fileKind(t) === 'image' && t !== 'image/svg+xml') || t === 'application/pdf';
}
