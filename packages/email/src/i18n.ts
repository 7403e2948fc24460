import type { Locale } from '@repo/contracts';

/** Text direction per locale; Arabic mails are laid out right-to-left. */
export const localeDir = (locale: Locale): 'ltr' | 'rtl' => (locale === 'ar' ? 'rtl' : 'ltr');

/** Strings of one template in every shipped locale; `satisfies` makes a missing locale a type error. */
export type LocalizedStrings<S> = Record<Locale, S>;

/** `{name}` placeholders, filled from `values`; unknown placeholders are left visible so tests catch them. */
export function format(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}
