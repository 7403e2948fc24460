/**
 * Open-redirect guard for `?next=` (QUALITY.md): only a path on this origin survives. Anything
 * a browser could resolve to another origin or a script — `//evil.com`, `/\evil.com`,
 * `https://evil.com`, `javascript:…`, control characters that browsers strip — gives `fallback`.
 */
export function safeNextPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value === '' || value.length > 2048) return fallback;
  // Browsers drop tabs/newlines inside URLs and treat `\` like `/`, so `/\t/evil.com` is `//evil.com`.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  try {
    // Resolving against a dummy origin catches anything else that escapes it.
    const base = 'http://local.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
