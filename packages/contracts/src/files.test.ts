import { describe, expect, it } from 'vitest';
import {
  ContentTypeSchema,
  FILE_NAME_MAX_LENGTH,
  fileObjectKey,
  fileVariantKey,
  isInlineSafeType,
  isTypeAllowed,
  StartUploadBody,
  sanitizeFileName,
} from './files';

describe('sanitizeFileName', () => {
  it('keeps an ordinary name as it is', () => {
    expect(sanitizeFileName('Quarterly report (final).pdf')).toBe('Quarterly report (final).pdf');
    expect(sanitizeFileName('Résumé 履歴書.pdf')).toBe('Résumé 履歴書.pdf');
  });

  it('keeps only the last path component, for either slash', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('..\\..\\Windows\\win.ini')).toBe('win.ini');
    expect(sanitizeFileName('C:\\Users\\dana\\photo.png')).toBe('photo.png');
    expect(sanitizeFileName('/abs/path/')).toBe('file');
    expect(sanitizeFileName('..')).toBe('file');
  });

  it('removes control characters (C0, DEL, C1)', () => {
    expect(sanitizeFileName('a\u0000b\u0007c\u001b[31m.txt')).toBe('abc[31m.txt');
    expect(sanitizeFileName('line\r\nbreak.txt')).toBe('line break.txt');
    expect(sanitizeFileName('del\u007fc1\u0085\u009f.txt')).toBe('delc1.txt');
  });

  it('removes bidi overrides, isolates and marks, so an extension cannot be disguised', () => {
    // "invoice‮fdp.exe" shows as "invoiceexe.pdf" in a bidi-aware UI.
    expect(sanitizeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeFileName('\u2066a\u2067b\u2068c\u2069\u200E\u200F\u202A\u202B\u202C\u202D.png')).toBe(
      'abc.png',
    );
  });

  it('trims and collapses whitespace, falls back to "file"', () => {
    expect(sanitizeFileName('  many   spaces\there .txt  ')).toBe('many spaces here .txt');
    expect(sanitizeFileName('   ')).toBe('file');
    expect(sanitizeFileName('\u202E\u0000')).toBe('file');
  });

  it('caps the length at 255 characters keeping the extension', () => {
    const long = `${'a'.repeat(400)}.tar.gz`;
    const name = sanitizeFileName(long);
    expect(Array.from(name)).toHaveLength(FILE_NAME_MAX_LENGTH);
    expect(name.endsWith('.gz')).toBe(true);
    const noExt = sanitizeFileName('é'.repeat(300));
    expect(Array.from(noExt)).toHaveLength(FILE_NAME_MAX_LENGTH);
    // Astral characters count as one and are never split.
    const emoji = sanitizeFileName(`${'😀'.repeat(300)}.png`);
    expect(Array.from(emoji)).toHaveLength(FILE_NAME_MAX_LENGTH);
    expect(emoji.endsWith('😀.png')).toBe(true);
  });
});

describe('isInlineSafeType', () => {
  it('allows raster images, PDF, plain text, audio and video', () => {
    for (const t of [
      'image/png',
      'image/jpeg',
      'image/webp',
      'image/gif',
      'application/pdf',
      'text/plain',
      'video/mp4',
      'audio/mpeg',
    ]) {
      expect(isInlineSafeType(t), t).toBe(true);
    }
  });

  it('never allows SVG, HTML, XML, script or unknown types', () => {
    for (const t of [
      'image/svg+xml',
      'IMAGE/SVG+XML',
      'text/html',
      'application/xhtml+xml',
      'text/xml',
      'application/javascript',
      'text/javascript',
      'application/octet-stream',
      'application/x-msdownload',
      '',
    ]) {
      expect(isInlineSafeType(t), t).toBe(false);
    }
  });
});

describe('upload rules', () => {
  it('accepts only raster images for avatars and logos, anything for org files', () => {
    expect(isTypeAllowed('avatar', 'image/png')).toBe(true);
    expect(isTypeAllowed('avatar', 'image/svg+xml')).toBe(false);
    expect(isTypeAllowed('org_logo', 'application/pdf')).toBe(false);
    expect(isTypeAllowed('org_file', 'application/x-anything')).toBe(true);
  });

  it('parses MIME types, lowercased, and refuses parameters and garbage', () => {
    expect(ContentTypeSchema.parse('Image/PNG')).toBe('image/png');
    expect(ContentTypeSchema.safeParse('text/plain; charset=utf-8').success).toBe(false);
    expect(ContentTypeSchema.safeParse('').success).toBe(false);
    expect(ContentTypeSchema.safeParse('png').success).toBe(false);
    expect(StartUploadBody.parse({ name: 'a.txt', size: 3, type: 'text/plain' }).purpose).toBe('org_file');
    expect(StartUploadBody.safeParse({ name: 'a', size: -1, type: 'text/plain' }).success).toBe(false);
    expect(
      StartUploadBody.safeParse({ name: 'a', size: 1, type: 'text/plain', purpose: 'avatar' }).success,
    ).toBe(false);
  });

  it('builds keys from ids only', () => {
    const file = { id: 'f1', organizationId: 'o1', ownerUserId: 'u1' };
    expect(fileObjectKey({ ...file, purpose: 'org_file' })).toBe('o/o1/f1');
    expect(fileObjectKey({ ...file, purpose: 'org_logo' })).toBe('o/o1/f1');
    expect(fileObjectKey({ ...file, purpose: 'avatar' })).toBe('u/u1/f1');
    expect(() => fileObjectKey({ ...file, organizationId: null, purpose: 'org_file' })).toThrow();
    expect(fileVariantKey('o/o1/f1', 'thumb')).toBe('o/o1/f1.thumb.webp');
    expect(fileVariantKey('u/u1/f1', '64')).toBe('u/u1/f1.64.webp');
  });
});
