import type { Metadata } from 'next';
import { setRequestLocale } from 'next-intl/server';
import { use } from 'react';
import { publicPageMetadata } from '@/lib/seo/metadata';
import { FeatureGrid } from './_components/feature-grid';
import { Hero } from './_components/hero';
import { WaitlistGate } from './_components/waitlist-gate';
import { WaitlistSection } from './_components/waitlist-section';

export async function generateMetadata({
  params,
}: {
  params: Promise<{ locale: string }>;
}): Promise<Metadata> {
  return publicPageMetadata((await params).locale, '/');
}

export default function HomePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = use(params);
  // Lets the page render statically per locale.
  setRequestLocale(locale);

  return (
    <>
      <Hero />
      <FeatureGrid />
      <WaitlistGate>
        <WaitlistSection />
      </WaitlistGate>
    </>
  );
}
// The marketing home is static HTML per locale; fail the build if something makes it dynamic.
export const dynamic = 'error';
