import { type AppLocale, locales, routing } from '../../i18n/routing';

/**
 * The pages anyone may read and search engines may index, as paths without the locale prefix.
 * The sitemap lists each of them in every locale; their metadata carries the same alternates.
 * Sign-in, sign-up and the signed-in area are deliberately absent (they answer `noindex`).
 */
export const PUBLIC_PAGES = ['/', '/status'] as const;
export type PublicPage = (typeof PUBLIC_PAGES)[number];

/** Open Graph wants language_TERRITORY; these are the territories each locale is written for. */
const OG_LOCALES: Record<AppLocale, string> = { en: 'en_US', fr: 'fr_FR', ar: 'ar_AR' };

export function ogLocale(locale: AppLocale): string {
  return OG_LOCALES[locale];
}

/** The page under one locale: `/` → `/fr`, `/status` → `/fr/status`. */
export function localizedPath(locale: string, page: string): string {
  return page === '/' ? `/${locale}` : `/${locale}${page}`;
}

/** `origin` (APP_URL) + an absolute path; a path on the origin itself is replaced. */
export function absoluteUrl(origin: string, path: string): string {
  return new URL(path, origin).toString();
}

/**
 * Absolute `hreflang` alternates of one public page: one per locale, plus `x-default` on the
 * URL without a locale, which the proxy sends to the visitor's language (Accept-Language or the
 * NEXT_LOCALE cookie), exactly what x-default means.
 */
export function localeAlternates(origin: string, page: string): Record<string, string> {
  const languages: Record<string, string> = {};
  for (const locale of locales) languages[locale] = absoluteUrl(origin, localizedPath(locale, page));
  languages['x-default'] = absoluteUrl(origin, page);
  return languages;
}

/** `alternates` for Next's Metadata: the canonical URL of this locale's page and its siblings. */
export function pageAlternates(origin: string, locale: string, page: string) {
  return {
    canonical: absoluteUrl(origin, localizedPath(locale, page)),
    languages: localeAlternates(origin, page),
  };
}

export type SitemapEntry = {
  url: string;
  changeFrequency: 'daily' | 'weekly';
  priority: number;
  alternates: { languages: Record<string, string> };
};

/** Every public page in every locale, each with its alternates (sitemap.xml). */
export function sitemapEntries(origin: string): SitemapEntry[] {
  return PUBLIC_PAGES.flatMap((page) =>
    routing.locales.map((locale) => ({
      url: absoluteUrl(origin, localizedPath(locale, page)),
      changeFrequency: page === '/status' ? ('daily' as const) : ('weekly' as const),
      priority: page === '/' ? 1 : 0.5,
      alternates: { languages: localeAlternates(origin, page) },
    })),
  );
}
