import type { Locale } from '@repo/contracts';

/**
 * A moment as the recipient reads it: their language, their zone (UTC when unknown), with the
 * zone named so "14:05" is never ambiguous. Intl, not a hand-rolled format, so word order,
 * digits and calendars follow each locale's conventions.
 */
export function formatDateTime(iso: string, locale: Locale, timeZone = 'UTC'): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}
