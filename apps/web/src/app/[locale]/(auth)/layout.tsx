import { LayersIcon } from 'lucide-react';
import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { LanguageSwitcher } from '@/components/language-switcher';
import { ThemeToggle } from '@/components/theme-toggle';
import { CLIENT_NAMESPACES, pickMessages } from '@/i18n/client-messages';
import { Link } from '@/i18n/navigation';
import { NOINDEX } from '@/lib/seo/metadata';

/** Sign-in, sign-up and the emailed-link pages are no search results. */
export const metadata: Metadata = { robots: NOINDEX };

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

export default async function AuthLayout({ children, params }: Props) {
  setRequestLocale((await params).locale);
  const [common, messages] = await Promise.all([getTranslations('Common'), getMessages()]);

  return (
    <NextIntlClientProvider messages={pickMessages(messages, CLIENT_NAMESPACES.auth)}>
      <div className="flex min-h-dvh flex-col bg-muted/30">
        <header className="mx-auto flex h-16 w-full max-w-5xl items-center gap-4 px-4 sm:px-6">
          <Link
            href="/"
            aria-label={common('homeLink')}
            className="flex items-center gap-2 rounded-md font-semibold tracking-tight"
          >
            <span className="flex size-8 items-center justify-center rounded-md bg-primary text-primary-foreground">
              <LayersIcon aria-hidden="true" className="size-4" />
            </span>
            <span>{common('brand')}</span>
          </Link>
          <div className="ms-auto flex items-center gap-1">
            <LanguageSwitcher />
            <ThemeToggle />
          </div>
        </header>
        <main
          id="main"
          tabIndex={-1}
          className="flex flex-1 items-start justify-center px-4 py-10 focus:outline-none sm:py-16"
        >
          <div className="w-full max-w-md">{children}</div>
        </main>
      </div>
    </NextIntlClientProvider>
  );
}
