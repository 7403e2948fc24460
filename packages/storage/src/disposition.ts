/**
 * A Content-Disposition value (RFC 6266) carrying a file name: an ASCII `filename` for old
 * clients and the exact name as RFC 8187 `filename*`. The name is already sanitized metadata;
 * this only makes it safe inside a header (no quotes, backslashes or non-ASCII in the plain part).
 */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii || 'file'}"; filename*=UTF-8''${encoded}`;
}
