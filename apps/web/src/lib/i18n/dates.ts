/**
 * The one way signed-in pages print a moment: the reader's language (next-intl's formatter for
 * the page's locale) and the time zone of their profile, medium date and short time
 * ("7 Dec 2026, 14:05"). Pass the formatter from `useFormatter()` (client) or `getFormatter()`
 * (server), and `me.timezone`. Pure: no `@/` imports, so unit tests can load it.
 */

type Style = { dateStyle: 'medium'; timeStyle?: 'short' };
type DateTimeFormatter = {
  dateTime: (value: Date, options: Style & { timeZone: string }) => string;
};

export const DATE_TIME: Style = { dateStyle: 'medium', timeStyle: 'short' };
export const DATE_ONLY: Style = { dateStyle: 'medium' };

export type Dates = {
  /** A moment: date and time. `null` / `undefined` give `fallback` (default "—"). */
  dateTime: (iso: string | Date | null | undefined, fallback?: string) => string;
  /** A day, for things where the time does not matter (an organization's creation). */
  date: (iso: string | Date | null | undefined, fallback?: string) => string;
};

export function datesFor(format: DateTimeFormatter, timeZone: string): Dates {
  const run =
    (options: Style) =>
    (iso: string | Date | null | undefined, fallback = '—') => {
      if (!iso) return fallback;
      const date = iso instanceof Date ? iso : new Date(iso);
      if (Number.isNaN(date.getTime())) return fallback;
      return format.dateTime(date, { ...options, timeZone });
    };
  return { dateTime: run(DATE_TIME), date: run(DATE_ONLY) };
}
