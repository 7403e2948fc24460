import 'server-only';
import type { Metadata } from 'next';
import { hasLocale } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { serverEnv } from '@/env';
import { locales, routing } from '@/i18n/routing';
import { absoluteUrl, localizedPath, ogLocale, type PublicPage, pageAlternates } from './public-pages';

/** The social preview image: the app icon, served by src/app/app-icon/[file]/route.ts. */
export const SOCIAL_IMAGE = { url: '/app-icon/512.png', width: 512, height: 512 } as const;

/** The public origin every absolute URL in metadata starts from (APP_URL). */
export function siteOrigin(): string {
  return serverEnv().APP_URL;
}

/**
 * Metadata of a public, indexable page: its canonical URL, absolute hreflang alternates for every
 * locale plus x-default, and Open Graph / Twitter tags with the page's own title and description.
 */
export async function publicPageMetadata(
  requested: string,
  page: PublicPage,
  text: { title?: string; description?: string } = {},
): Promise<Metadata> {
  const locale = hasLocale(locales, requested) ? requested : routing.defaultLocale;
  const t = await getTranslations({ locale, namespace: 'Metadata' });
  const origin = siteOrigin();
  const title = text.title ? t('titleTemplate').replace('%s', text.title) : t('title');
  const description = text.description ?? t('description');
  return {
    ...(text.title ? { title: text.title } : {}),
    description,
    alternates: pageAlternates(origin, locale, page),
    openGraph: {
      type: 'website',
      siteName: t('siteName'),
      title,
      description,
      url: absoluteUrl(origin, localizedPath(locale, page)),
      locale: ogLocale(locale),
      alternateLocale: locales.filter((l) => l !== locale).map(ogLocale),
      images: [{ ...SOCIAL_IMAGE, alt: t('imageAlt') }],
    },
    twitter: { card: 'summary', title, description, images: [SOCIAL_IMAGE.url] },
  };
}

/** Signed-in and auth pages: never indexed, links not followed. */
export const NOINDEX: Metadata['robots'] = { index: false, follow: false };
