import { describe, expect, it } from 'vitest';
import { byteUnit, fileKind, previewable } from './bytes';

describe('byteUnit', () => {
  it('picks the largest unit at or above 1, in steps of 1024', () => {
    expect(byteUnit(512)).toEqual({ value: 512, unit: 'byte', fractionDigits: 0 });
    expect(byteUnit(1536)).toEqual({ value: 1.5, unit: 'kilobyte', fractionDigits: 1 });
    expect(byteUnit(20 * 1024 * 1024)).toEqual({ value: 20, unit: 'megabyte', fractionDigits: 0 });
    expect(byteUnit(1024 ** 3)).toEqual({ value: 1, unit: 'gigabyte', fractionDigits: 1 });
  });

  it('never goes below zero', () => {
    expect(byteUnit(-5).value).toBe(0);
  });
});

describe('fileKind and previewable', () => {
  it('sorts media types into icon kinds', () => {
    expect(fileKind('application/pdf')).toBe('pdf');
    expect(fileKind('image/png')).toBe('image');
    expect(fileKind('application/zip')).toBe('archive');
    expect(fileKind('application/octet-stream')).toBe('other');
  });

  it('previews raster images and PDFs, never SVG', () => {
    expect(previewable('image/jpeg')).toBe(true);
    expect(previewable('application/pdf')).toBe(true);
    expect(previewable('image/svg+xml')).toBe(false);
    expect(previewable('text/html')).toBe(false);
  });
});
