/**
 * CSV for spreadsheets (RFC 4180): CRLF line ends; a field holding a comma, a double quote, CR or
 * LF is quoted with its quotes doubled.
 *
 * Formula injection (OWASP "CSV Injection"): audit rows carry attacker-chosen text (a user agent,
 * a name in a diff), and a cell starting with `=`, `+`, `-`, `@`, tab or CR is run as a formula by
 * Excel/LibreOffice/Sheets. Such a field gets a leading `'`, which spreadsheets treat as "text".
 * The cost: a legitimate value like `-1` reads `'-1` in the file; exports are for people, so that
 * is the safer trade.
 */

/**
 * A formula may also start right after a separator: spreadsheets in `;`-separator locales split
 * the line on `;` (and quotes mid-cell are literal there), so `x;=cmd` would open as two cells.
 */
const FORMULA_AFTER_SEPARATOR = /([;,\t])(?=[=+\-@\t\r])/g;
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | boolean | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  text = text.replace(FORMULA_AFTER_SEPARATOR, "$1'");
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
