// Real file bytes for the files tests, made on the fly so no binary fixture is committed.
import { Readable } from 'node:stream';
import { crc32, createDeflate } from 'node:zlib';
import sharp from 'sharp';

export const png = (width = 64, height = 48, background = '#3366ff') =>
  sharp({ create: { width, height, channels: 4, background } })
    .png()
    .toBuffer();

export const jpeg = (width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: '#ff8800' } })
    .jpeg()
    .toBuffer();

/** A two-frame animated GIF: a red frame, then a blue one. */
export async function animatedGif(width = 40, height = 30): Promise<Buffer> {
  const frame = (background: string) =>
    sharp({ create: { width, height, channels: 3, background } })
      .png()
      .toBuffer();
  return sharp([await frame('#ff0000'), await frame('#0000ff')], { join: { animated: true } })
    .gif({ delay: [100, 100] })
    .toBuffer();
}

/** A small valid PDF (one empty page): enough for signature checks. */
export const pdf = () =>
  Buffer.from(
    [
      '%PDF-1.4',
      '%\xe2\xe3\xcf\xd3',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
      'trailer << /Root 1 0 R >>',
      '%%EOF',
    ].join('\n'),
    'latin1',
  );

export const html = () =>
  Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n');

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A decompression bomb: a valid 1-bit greyscale PNG of width × height pixels, all black. The
 * rows are zeros, which deflate squeezes ~1000:1, so 50,000 × 50,000 (2.5 billion pixels,
 * 2.5 GB once decoded to 8 bits) is a few hundred KB on disk. The rows are streamed into the
 * compressor, never held in memory whole.
 */
export async function pngBomb(width = 50_000, height = 50_000): Promise<Buffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(1, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  const row = Buffer.alloc(1 + Math.ceil(width / 8)); // filter byte 0 + packed pixels
  const rowsPerChunk = 500;
  const block = Buffer.concat(Array.from({ length: rowsPerChunk }, () => row));
  function* rows() {
    for (let done = 0; done < height; done += rowsPerChunk) {
      yield done + rowsPerChunk <= height ? block : block.subarray(0, (height - done) * row.length);
    }
  }
  const compressed: Buffer[] = [];
  for await (const piece of Readable.from(rows()).pipe(createDeflate({ level: 9 }))) compressed.push(piece);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', Buffer.concat(compressed)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
