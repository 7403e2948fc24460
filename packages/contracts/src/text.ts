import { z } from 'zod';

/**
 * Human-entered text (names, labels, reasons, descriptions) is shown again in the app, in mails,
 * in CSV exports and in logs. Control characters have no business there: CR/LF forge extra lines
 * (a name that breaks a mail header or a log line), NUL cannot be stored by PostgreSQL (a 500
 * instead of a 400), and the bidi controls make `Acme\u202Egnp.exe` display as something it is
 * not. Refused in the schema, so every entry point (API, web forms) shares the rule.
 *
 * Refused everywhere: Unicode category Cc (U+0000–U+001F, U+007F–U+009F), the line and
 * paragraph separators U+2028/U+2029, and the bidi embedding, override and isolate controls
 * U+202A–U+202E, U+2066–U+2069. Multi-line text keeps `\n` (CR LF and a lone CR become `\n`).
 * Everything else — accents, Arabic, CJK, emoji — is ordinary text.
 */

const LAYOUT_CONTROLS = '\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069';
/** Every refused character but `\n`, as a character-class body; single-line text refuses `\n` too. */
const REFUSED_BUT_NEWLINE = `\\u0000-\\u0009\\u000B-\\u001F\\u007F-\\u009F${LAYOUT_CONTROLS}`;
const REFUSED = `\\n${REFUSED_BUT_NEWLINE}`;
/** The rule as a pattern (for `.regex()`), so it also reaches the OpenAPI document. */
export const SINGLE_LINE_TEXT = new RegExp(`^[^${REFUSED}]*$`);
/** As SINGLE_LINE_TEXT, with `\n` allowed. */
export const MULTI_LINE_TEXT = new RegExp(`^[^${REFUSED_BUT_NEWLINE}]*$`);

export const SINGLE_LINE_MESSAGE = 'must be a single line without control characters';
export const MULTI_LINE_MESSAGE = 'must not contain control characters (line breaks are allowed)';

const REFUSED_IN_SINGLE_LINE = new RegExp(`[${REFUSED}]+`, 'g');

/**
 * Text that arrives from elsewhere (an identity provider's profile name) made acceptable instead
 * of refused: each run of refused characters becomes one space.
 */
export const toSingleLineText = (value: string): string => value.replace(REFUSED_IN_SINGLE_LINE, ' ').trim();

/** Whether `value` is acceptable single-line text (no control, separator or bidi characters). */
export const isSingleLineText = (value: string): boolean => SINGLE_LINE_TEXT.test(value);
/** Whether `value` is acceptable multi-line text: as single-line, except that `\n` is allowed. */
export const isMultiLineText = (value: string): boolean => MULTI_LINE_TEXT.test(value);

export interface TextBounds {
  /** Characters after trimming; default 1 (required). */
  min?: number;
  max: number;
}

/** A trimmed single-line string: names, labels, short descriptions. */
export function singleLineText({ min = 1, max }: TextBounds) {
  return z.string().trim().min(min).max(max).regex(SINGLE_LINE_TEXT, SINGLE_LINE_MESSAGE);
}

/** A trimmed string that may span lines (`\n` only): reasons, long descriptions. */
export function multiLineText({ min = 1, max }: TextBounds) {
  return z
    .string()
    .overwrite((value) => value.replace(/\r\n?/g, '\n'))
    .trim()
    .min(min)
    .max(max)
    .regex(MULTI_LINE_TEXT, MULTI_LINE_MESSAGE);
}
