/**
 * Pure arithmetic of an upload: which byte ranges make up the parts of a multipart upload, which
 * of them the store still lacks, and whether an upload the API remembers is the file the user just
 * picked again. Kept apart from the network code so it is unit-tested on its own.
 */

export interface PartRange {
  partNumber: number;
  start: number;
  end: number;
}

/** The parts of a `size`-byte file cut into `partSize` pieces (S3 numbers parts from 1). */
export function partRanges(size: number, partSize: number): PartRange[] {
  if (!Number.isSafeInteger(size) || size <= 0) return [];
  if (!Number.isSafeInteger(partSize) || partSize <= 0) throw new RangeError('partSize must be positive');
  const ranges: PartRange[] = [];
  for (let start = 0, partNumber = 1; start < size; start += partSize, partNumber += 1) {
    ranges.push({ partNumber, start, end: Math.min(size, start + partSize) });
  }
  return ranges;
}

export interface StoredPart {
  partNumber: number;
  size: number;
  etag: string;
}

/**
 * The parts the store holds whole, keyed by number: a part whose size differs from the range we
 * would send (a torn write, another part size) does not count and is sent again.
 */
export function completeParts(ranges: PartRange[], stored: StoredPart[]): Map<number, string> {
  const expected = new Map(ranges.map((r) => [r.partNumber, r.end - r.start]));
  const done = new Map<number, string>();
  for (const part of stored) {
    if (expected.get(part.partNumber) === part.size && part.etag) done.set(part.partNumber, part.etag);
  }
  return done;
}

export interface PendingUpload {
  fileId: string;
  name: string;
  size: number;
  type: string;
  createdAt: string;
}

/**
 * The in-flight upload the server holds for a file the user picked (again): the newest one with
 * the same name, size and declared type that no other upload on the page is already using.
 */
export function matchPending(
  pending: PendingUpload[],
  file: { name: string; size: number; type: string },
  taken: ReadonlySet<string> = new Set(),
): PendingUpload | null {
  const candidates = pending
    .filter(
      (p) => !taken.has(p.fileId) && p.name === file.name && p.size === file.size && p.type === file.type,
    )
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return candidates[0] ?? null;
}

/**
 * The part size of a multipart upload, read back from the parts the store holds: every part but
 * the last has it, and parts go in order, so part 1 tells. Null when nothing usable is stored yet
 * (then there is nothing to resume and the upload starts over).
 */
export function partSizeOf(stored: StoredPart[], size: number): number | null {
  const first = stored.find((p) => p.partNumber === 1);
  if (!first || first.size <= 0) return null;
  // A single part holding the whole file says nothing about the part size; nothing left to send.
  return Math.min(first.size, size);
}

/** The progress of several uploads together, in bytes (done ones count whole). */
export function totalProgress(uploads: { size: number; uploaded: number; counted: boolean }[]): {
  uploaded: number;
  total: number;
} {
  let uploaded = 0;
  let total = 0;
  for (const u of uploads) {
    if (!u.counted) continue;
    total += u.size;
    uploaded += Math.min(u.size, u.uploaded);
  }
  return { uploaded, total };
}

/** 0–100, rounded down so 100 means finished. */
export function percent(uploaded: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((uploaded / total) * 100));
}
