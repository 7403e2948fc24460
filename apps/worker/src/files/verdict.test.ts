import { describe, expect, it } from 'vitest';
import { animatedGif, html, jpeg, pdf, png } from './file-bytes.test-support';
import { baseType, looksLikeText, SNIFF_BYTES, sizeVerdict, type VerifyInput, verifyObject } from './verdict';

const MiB = 1024 * 1024;
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

/** The object as the worker sees it: its real size and first SNIFF_BYTES. */
const check = (bytes: Buffer, declaredType: string, extra: Partial<VerifyInput> = {}) =>
  verifyObject({
    head: bytes.subarray(0, SNIFF_BYTES),
    size: bytes.length,
    declaredType,
    maxBytes: 10 * MiB,
    ...extra,
  });

describe('verifyObject: size', () => {
  it('rejects an empty object', async () => {
    expect(await check(Buffer.alloc(0), 'text/plain')).toEqual({ ok: false, reason: 'empty' });
  });

  it('rejects an object over the purpose limit, and accepts one exactly at it', async () => {
    const bytes = Buffer.from('a,b\n1,2\n');
    expect(await check(bytes, 'text/csv', { maxBytes: bytes.length - 1 })).toEqual({
      ok: false,
      reason: 'too_large',
    });
    expect(await check(bytes, 'text/csv', { maxBytes: bytes.length })).toEqual({
      ok: true,
      detectedType: 'text/csv',
    });
  });

  it('checks the real size against the limit, not the declared one', async () => {
    const verdict = await verifyObject({
      head: Buffer.from('hello'),
      size: 6 * MiB,
      declaredSize: 10,
      declaredType: 'text/plain',
      maxBytes: 5 * MiB,
    });
    expect(verdict).toEqual({ ok: false, reason: 'too_large' });
  });

  it('rejects an object whose size differs from the declared size', async () => {
    const bytes = Buffer.from('hello');
    expect(await check(bytes, 'text/plain', { declaredSize: 4 })).toEqual({
      ok: false,
      reason: 'size_mismatch',
    });
    expect(await check(bytes, 'text/plain', { declaredSize: 5 })).toMatchObject({ ok: true });
  });

  it('sizeVerdict gives the same size rules without any bytes (checked before a copy)', () => {
    expect(sizeVerdict({ size: 0, declaredSize: 0, maxBytes: 10 })).toBe('empty');
    expect(sizeVerdict({ size: 11, declaredSize: 11, maxBytes: 10 })).toBe('too_large');
    expect(sizeVerdict({ size: 9, declaredSize: 8, maxBytes: 10 })).toBe('size_mismatch');
    expect(sizeVerdict({ size: 10, declaredSize: 10, maxBytes: 10 })).toBeNull();
  });
});

describe('verifyObject: declared type against the bytes', () => {
  it('accepts images whose bytes match their declared type', async () => {
    expect(await check(await png(), 'image/png')).toEqual({ ok: true, detectedType: 'image/png' });
    expect(await check(await jpeg(), 'image/jpeg')).toEqual({ ok: true, detectedType: 'image/jpeg' });
    expect(await check(await animatedGif(), 'image/gif')).toEqual({ ok: true, detectedType: 'image/gif' });
    expect(await check(pdf(), 'application/pdf')).toEqual({ ok: true, detectedType: 'application/pdf' });
  });

  it('accepts other spellings and parameters of the same type', async () => {
    expect(await check(await jpeg(), 'image/jpg')).toEqual({ ok: true, detectedType: 'image/jpeg' });
    expect(await check(await png(), 'IMAGE/PNG; name=x')).toEqual({ ok: true, detectedType: 'image/png' });
    expect(await check(pdf(), 'application/x-pdf')).toEqual({ ok: true, detectedType: 'application/pdf' });
  });

  it('rejects a PNG declared as a PDF, and a PDF declared as a PNG', async () => {
    expect(await check(await png(), 'application/pdf')).toEqual({ ok: false, reason: 'type_mismatch' });
    expect(await check(pdf(), 'image/png')).toEqual({ ok: false, reason: 'type_mismatch' });
  });

  it('rejects an HTML page renamed .png (declared image/png, the bytes are text)', async () => {
    expect(await check(html(), 'image/png')).toEqual({ ok: false, reason: 'type_mismatch' });
  });

  it('rejects text bytes under any declared image type, even one the sniffer does not know', async () => {
    expect(await check(html(), 'image/x-portable-pixmap')).toEqual({ ok: false, reason: 'type_mismatch' });
  });

  it('accepts text types only when the bytes read as text', async () => {
    expect(await check(html(), 'text/html')).toEqual({ ok: true, detectedType: 'text/html' });
    expect(await check(Buffer.from('{"a":1}'), 'application/json')).toEqual({
      ok: true,
      detectedType: 'application/json',
    });
    expect(await check(Buffer.from('name;city\nZoë;Zürich\n', 'latin1'), 'text/csv')).toEqual({
      ok: true,
      detectedType: 'text/csv',
    });
    expect(await check(await png(), 'text/plain')).toEqual({ ok: false, reason: 'type_mismatch' });
    expect(await check(pdf(), 'text/plain; charset=utf-8')).toEqual({ ok: false, reason: 'type_mismatch' });
    // Binary without any signature the sniffer knows is still not text.
    expect(await check(Buffer.from([0x00, 0x01, 0x02, 0x41, 0x42]), 'text/plain')).toEqual({
      ok: false,
      reason: 'type_mismatch',
    });
  });

  it('does not mistake text that starts like a signature for that format', async () => {
    // "BM" opens a BMP and "MZ" a Windows executable; both are also ordinary words.
    expect(await check(Buffer.from('BMW,3 series\nAudi,A4\n'), 'text/csv')).toEqual({
      ok: true,
      detectedType: 'text/csv',
    });
    expect(await check(Buffer.from('MZ notes\n'), 'text/plain')).toEqual({
      ok: true,
      detectedType: 'text/plain',
    });
  });

  it('accepts SVG and other XML under their own types (text), never as a raster image', async () => {
    const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>');
    expect(await check(svg, 'image/svg+xml')).toEqual({ ok: true, detectedType: 'image/svg+xml' });
    expect(await check(svg, 'image/png')).toEqual({ ok: false, reason: 'type_mismatch' });
  });

  it('accepts UTF-16 text, which has NUL bytes, by its byte-order mark', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hello', 'utf16le')]);
    expect(await check(utf16, 'text/plain')).toEqual({ ok: true, detectedType: 'text/plain' });
  });

  it('takes a type the client could not name from the bytes', async () => {
    expect(await check(await png(), 'application/octet-stream')).toEqual({
      ok: true,
      detectedType: 'image/png',
    });
    expect(await check(Buffer.from([0, 1, 2, 3]), '')).toEqual({ ok: true, detectedType: null });
  });

  it('accepts a declared type it cannot check, without confirming it', async () => {
    expect(await check(Buffer.from([0, 1, 2, 3]), 'application/x-groundwork-data')).toEqual({
      ok: true,
      detectedType: null,
    });
  });

  it('matches members of a container family (a .docx is a ZIP), keeping the specific type', async () => {
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(60)]);
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect(await check(zip, docx)).toEqual({ ok: true, detectedType: docx });
    expect(await check(zip, 'application/x-zip-compressed')).toEqual({
      ok: true,
      detectedType: 'application/zip',
    });
    expect(await check(zip, 'application/pdf')).toEqual({ ok: false, reason: 'type_mismatch' });
  });
});

describe('verifyObject: types allowed for the purpose', () => {
  it('accepts the image types avatars allow', async () => {
    expect(await check(await png(), 'image/png', { allowedTypes: IMAGE_TYPES })).toEqual({
      ok: true,
      detectedType: 'image/png',
    });
  });

  it('rejects what the bytes really are when the purpose does not allow it', async () => {
    // The client named no type: the bytes are a PDF, which an avatar cannot be.
    expect(await check(pdf(), 'application/octet-stream', { allowedTypes: IMAGE_TYPES })).toEqual({
      ok: false,
      reason: 'type_not_allowed',
    });
    expect(
      await check(Buffer.from([0, 1, 2]), 'application/octet-stream', { allowedTypes: IMAGE_TYPES }),
    ).toEqual({ ok: false, reason: 'type_not_allowed' });
  });
});

describe('helpers', () => {
  it('baseType drops parameters and case', () => {
    expect(baseType(' Text/CSV ; charset=UTF-8')).toBe('text/csv');
    expect(baseType('')).toBe('');
  });

  it('looksLikeText accepts tabs and line breaks, refuses NUL and other control bytes', () => {
    expect(looksLikeText(Buffer.from('a\tb\r\nc\f'))).toBe(true);
    expect(looksLikeText(Buffer.from('a\u0000b'))).toBe(false);
    expect(looksLikeText(Buffer.from('a\u0007b'))).toBe(false);
  });
});
