const BASE = 'http://local.invalid';
const MAX_LENGTH = 2048;

/**
 * Browsers drop tabs/newlines inside URLs and treat `\` like `/`, so `/\t/evil.com` and
 * `/\evil.com` both become `//evil.com`.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
const UNSAFE_CHARS = /[\u0000-\u001f\u007f\\]/;

/** `/` alone, or `/` then anything but a second separator: `//host` and `/\host` name a host. */
const LOCAL_START = /^\/(?:$|[^/\\])/;

const resolve = (value: string): URL | undefined => {
  try {
    return new URL(value, BASE);
  } catch {
    return undefined;
  }
};

const pathOf = (url: URL) => `${url.pathname}${url.search}${url.hash}`;

function looksLocal(path: string): boolean {
  return path.length <= MAX_LENGTH && !UNSAFE_CHARS.test(path) && LOCAL_START.test(path);
}

/**
 * Open-redirect guard for a `next` path (docs/decisions/0011-web-auth.md), shared by the web's
 * sign-in and the API's SSO flow: a path on this origin, normalized, or `undefined`.
 *
 * The normalized path is what callers navigate to, so that is what must pass: `/..//evil.com`,
 * `/a/..//evil.com` and `/%2e%2e//evil.com` (URL parsers read `%2e` as a dot segment) look local
 * but resolve to `//evil.com`. The result must also resolve to itself, so a caller or browser
 * that normalizes it again cannot reach another host either.
 */
export function safeSameOriginPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || !looksLocal(value)) return undefined;
  const url = resolve(value);
  if (!url || url.origin !== BASE) return undefined;
  const path = pathOf(url);
  if (!looksLocal(path)) return undefined;
  const again = resolve(path);
  if (!again || again.origin !== BASE || pathOf(again) !== path) return undefined;
  return path;
}
