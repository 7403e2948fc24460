import { describe, expect, it } from 'vitest';
import { routing } from '../../i18n/routing';
import {
  absoluteUrl,
  localeAlternates,
  localizedPath,
  ogLocale,
  PUBLIC_PAGES,
  pageAlternates,
  sitemapEntries,
} from './public-pages';

const origin = 'https://app.example.com';

describe('public page URLs', () => {
  it('put the locale in front of the path, the home page being the bare locale', () => {
    expect(localizedPath('fr', '/')).toBe('/fr');
    expect(localizedPath('ar', '/status')).toBe('/ar/status');
  });

  it('are absolute on the configured origin, whatever trailing slash or path it has', () => {
    expect(absoluteUrl(origin, '/fr')).toBe('https://app.example.com/fr');
    expect(absoluteUrl(`${origin}/`, '/fr/status')).toBe('https://app.example.com/fr/status');
    expect(absoluteUrl(`${origin}/ignored`, '/')).toBe('https://app.example.com/');
    expect(absoluteUrl('http://127.0.0.1:3200', '/en')).toBe('http://127.0.0.1:3200/en');
  });
});

describe('hreflang alternates', () => {
  it('name every locale and x-default, all absolute', () => {
    expect(localeAlternates(origin, '/status')).toEqual({
      en: 'https://app.example.com/en/status',
      fr: 'https://app.example.com/fr/status',
      ar: 'https://app.example.com/ar/status',
      'x-default': 'https://app.example.com/status',
    });
    expect(Object.keys(localeAlternates(origin, '/')).sort()).toEqual(
      [...routing.locales, 'x-default'].sort(),
    );
  });

  it('point x-default at the URL without a locale, which the proxy sends to the visitor language', () => {
    expect(localeAlternates(origin, '/')['x-default']).toBe('https://app.example.com/');
  });

  it('give each page its own canonical URL in its locale', () => {
    expect(pageAlternates(origin, 'ar', '/')).toEqual({
      canonical: 'https://app.example.com/ar',
      languages: localeAlternates(origin, '/'),
    });
  });
});

describe('sitemap', () => {
  it('lists every public page in every locale once, with its alternates', () => {
    const entries = sitemapEntries(origin);
    expect(entries).toHaveLength(PUBLIC_PAGES.length * routing.locales.length);
    expect(new Set(entries.map((e) => e.url)).size).toBe(entries.length);
    expect(entries.map((e) => e.url)).toContain('https://app.example.com/fr/status');
    for (const entry of entries) {
      expect(entry.url.startsWith(`${origin}/`)).toBe(true);
      expect(Object.values(entry.alternates.languages)).toContain(entry.url);
      expect(entry.alternates.languages['x-default']).toBeDefined();
    }
  });

  it('never lists a signed-in or auth page', () => {
    const urls = sitemapEntries(origin).map((e) => new URL(e.url).pathname);
    for (const path of urls) expect(path).not.toMatch(/sign-in|sign-up|dashboard|settings|org|admin/);
  });
});

describe('Open Graph locale', () => {
  it('is language_TERRITORY for every locale', () => {
    for (const locale of routing.locales) expect(ogLocale(locale)).toMatch(/^[a-z]{2}_[A-Z]{2}$/);
  });
});
