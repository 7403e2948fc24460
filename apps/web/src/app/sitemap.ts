import type { MetadataRoute } from 'next';
import { siteOrigin } from '@/lib/seo/metadata';
import { sitemapEntries } from '@/lib/seo/public-pages';

// Per request: APP_URL is read when the server runs, not frozen by `next build`.
export const dynamic = 'force-dynamic';

/** /sitemap.xml: every public page (lib/seo/public-pages.ts) in every locale, with alternates. */
export default function sitemap(): MetadataRoute.Sitemap {
  return sitemapEntries(siteOrigin());
}
