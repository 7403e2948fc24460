import { defineRouting } from 'next-intl/routing';

export const locales = ['en', 'fr', 'ar'] as const;
export type AppLocale = (typeof locales)[number];

export const routing = defineRouting({
  locales,
  defaultLocale: 'en',
  // Every page lives under /<locale>/…; `/` is redirected by the proxy using Accept-Language
  // and the NEXT_LOCALE cookie.
  localePrefix: 'always',
});

const rtlLocales: ReadonlySet<string> = new Set(['ar']);

export function localeDirection(locale: string): 'rtl' | 'ltr' {
  return rtlLocales.has(locale) ? 'rtl' : 'ltr';
}
