import type { Metadata, Viewport } from 'next';
import { notFound } from 'next/navigation';
import { hasLocale, NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ThemeProvider } from '@/components/theme-provider';
import { CLIENT_NAMESPACES, pickMessages } from '@/i18n/client-messages';
import { localeDirection, routing } from '@/i18n/routing';
import { fontVariables } from '@/lib/fonts';
import { siteOrigin } from '@/lib/seo/metadata';
import '../globals.css';

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: Omit<Props, 'children'>): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'Metadata' });
  // Icons come from the file conventions in src/app (icon.svg, apple-icon.tsx, manifest.ts);
  // canonical URLs, hreflang alternates and Open Graph tags from each public page
  // (lib/seo/metadata.ts), signed-in and auth layouts add noindex.
  return {
    metadataBase: new URL(siteOrigin()),
    applicationName: t('siteName'),
    title: { default: t('title'), template: t('titleTemplate') },
    description: t('description'),
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fcfcfd' },
    { media: '(prefers-color-scheme: dark)', color: '#15171e' },
  ],
};

export default async function LocaleLayout({ children, params }: Props) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const [t, messages] = await Promise.all([getTranslations('Common'), getMessages()]);

  return (
    // next-themes sets the theme class on <html> before hydration, hence the warning suppression.
    <html lang={locale} dir={localeDirection(locale)} className={fontVariables} suppressHydrationWarning>
      <body className="min-h-dvh">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:start-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-background focus:px-4 focus:py-2 focus:text-foreground focus:shadow-lg"
        >
          {t('skipToContent')}
        </a>
        <ThemeProvider>
          {/* Only the public pages' client messages; the auth and signed-in layouts add theirs. */}
          <NextIntlClientProvider messages={pickMessages(messages, CLIENT_NAMESPACES.public)}>
            {children}
          </NextIntlClientProvider>
        </ThemeProvider>
      </body>
    </html>
  );
}
