import type { MetadataRoute } from 'next';
import { routing } from '@/i18n/routing';
import { BRAND } from '@/lib/brand/icon';
import en from '../../messages/en.json';

/** /manifest.webmanifest: installable app name, icons and colours (one manifest, in English). */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: en.Metadata.title,
    short_name: en.Metadata.siteName,
    description: en.Metadata.description,
    lang: routing.defaultLocale,
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: BRAND.light,
    theme_color: BRAND.primary,
    icons: [
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      { src: '/app-icon/192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/app-icon/512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/app-icon/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
