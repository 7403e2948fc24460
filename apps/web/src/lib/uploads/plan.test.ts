import { describe, expect, it } from 'vitest';
import {
  completeParts,
  matchPending,
  type PendingUpload,
  partRanges,
  partSizeOf,
  percent,
  totalProgress,
} from './plan';

const MiB = 1024 * 1024;

describe('partRanges', () => {
  it('cuts a file into numbered parts, the last one shorter', () => {
    expect(partRanges(20 * MiB, 8 * MiB)).toEqual([
      { partNumber: 1, start: 0, end: 8 * MiB },
      { partNumber: 2, start: 8 * MiB, end: 16 * MiB },
      { partNumber: 3, start: 16 * MiB, end: 20 * MiB },
    ]);
  });

  it('gives one part for a file of exactly one part size, none for an empty file', () => {
    expect(partRanges(8, 8)).toEqual([{ partNumber: 1, start: 0, end: 8 }]);
    expect(partRanges(0, 8)).toEqual([]);
  });

  it('refuses a part size that would loop forever', () => {
    expect(() => partRanges(10, 0)).toThrow(RangeError);
  });
});

describe('completeParts', () => {
  const ranges = partRanges(20, 8);

  it('keeps the stored parts whose size matches their range', () => {
    const done = completeParts(ranges, [
      { partNumber: 1, size: 8, etag: '"a"' },
      { partNumber: 3, size: 4, etag: '"c"' },
    ]);
    expect([...done]).toEqual([
      [1, '"a"'],
      [3, '"c"'],
    ]);
  });

  it('sends again a torn part, an unknown part number or one without an ETag', () => {
    const done = completeParts(ranges, [
      { partNumber: 1, size: 5, etag: '"a"' },
      { partNumber: 7, size: 8, etag: '"x"' },
      { partNumber: 2, size: 8, etag: '' },
    ]);
    expect(done.size).toBe(0);
  });
});

describe('matchPending', () => {
  const base: PendingUpload = {
    fileId: 'f1',
    name: 'video.mp4',
    size: 20 * MiB,
    type: 'video/mp4',
    createdAt: '2026-01-01T10:00:00.000Z',
  };
  const file = { name: 'video.mp4', size: 20 * MiB, type: 'video/mp4' };

  it('finds the newest multipart upload of the same name, size and type', () => {
    const newer = { ...base, fileId: 'f2', createdAt: '2026-01-01T11:00:00.000Z' };
    expect(matchPending([base, newer], file)?.fileId).toBe('f2');
  });

  it('ignores another size, name or type, and one already taken', () => {
    expect(matchPending([{ ...base, size: 1 }], file)).toBeNull();
    expect(matchPending([{ ...base, name: 'other.mp4' }], file)).toBeNull();
    expect(matchPending([{ ...base, type: 'application/pdf' }], file)).toBeNull();
    expect(matchPending([base], file, new Set(['f1']))).toBeNull();
  });
});

describe('partSizeOf', () => {
  it('reads the part size from part 1', () => {
    expect(
      partSizeOf(
        [
          { partNumber: 2, size: 8, etag: 'b' },
          { partNumber: 1, size: 8, etag: 'a' },
        ],
        20,
      ),
    ).toBe(8);
  });

  it('has nothing to go on without part 1', () => {
    expect(partSizeOf([], 20)).toBeNull();
    expect(partSizeOf([{ partNumber: 3, size: 4, etag: 'c' }], 20)).toBeNull();
  });
});

describe('progress', () => {
  it('adds up the counted uploads and caps each at its size', () => {
    expect(
      totalProgress([
        { size: 10, uploaded: 5, counted: true },
        { size: 10, uploaded: 12, counted: true },
        { size: 100, uploaded: 0, counted: false },
      ]),
    ).toEqual({ uploaded: 15, total: 20 });
  });

  it('rounds down so 100 % means finished', () => {
    expect(percent(999, 1000)).toBe(99);
    expect(percent(1000, 1000)).toBe(100);
    expect(percent(0, 0)).toBe(0);
  });
});
