import { setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

export default async function MarketingLayout({ children, params }: Props) {
  // Layouts and pages render concurrently: each one that reads translations sets the locale,
  // otherwise next-intl falls back to headers() and the pages lose static rendering.
  setRequestLocale((await params).locale);

  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader />
      <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}
