import type { MetadataRoute } from 'next';
import { siteOrigin } from '@/lib/seo/metadata';

// Per request: APP_URL is read when the server runs, not frozen by `next build`.
export const dynamic = 'force-dynamic';

/**
 * /robots.txt. Everything may be crawled except the API gateway: the signed-in and auth pages
 * say `noindex` themselves, which a crawler only sees if it may fetch them.
 */
export default function robots(): MetadataRoute.Robots {
  const origin = siteOrigin();
  return {
    rules: [{ userAgent: '*', allow: '/', disallow: '/api/' }],
    sitemap: new URL('/sitemap.xml', origin).toString(),
  };
}
