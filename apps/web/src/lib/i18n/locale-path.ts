import { routing } from '../../i18n/routing';

const known: readonly string[] = routing.locales;

/**
 * The same page under another locale: `/en/settings?tab=1` → `/fr/settings?tab=1`. Anything
 * else comes back unchanged: a path without a locale prefix (`/api/…` is not a page), another
 * origin, a protocol-relative URL.
 */
export function withLocale(path: string, locale: string): string {
  if (!path.startsWith('/') || path.startsWith('//')) return path;
  const rest = path.slice(1);
  const cut = rest.search(/[/?#]/);
  const first = cut === -1 ? rest : rest.slice(0, cut);
  const tail = cut === -1 ? '' : rest.slice(cut);
  return known.includes(first) ? `/${locale}${tail}` : path;
}
