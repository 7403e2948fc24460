import { PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH } from './auth';

/**
 * The parts of the password policy (ADR 0008) that need no server data, shared by the API, which
 * enforces them, and the sign-up form, whose strength hint applies the same rules as the user
 * types. The list of common and breached passwords stays on the server (it is ~49k entries); the
 * form says so and the server's answer fills the gap.
 */

/** Product names a user might build a password from; NIST's "context-specific words". */
export const PASSWORD_PRODUCT_WORDS = ['groundwork'] as const;
/** Shorter context fragments (e.g. "ann") would reject far too many honest passwords. */
const MIN_CONTEXT_WORD = 4;

export interface PasswordContext {
  email?: string | undefined;
  name?: string | undefined;
}

/** Why a password fails the shared rules, in the order the server reports them; null = passes them. */
export type PasswordRuleIssue = 'too_small' | 'too_big' | 'password_too_common' | 'password_contains_context';

/** NIST counts characters (code points), not UTF-16 units: an emoji counts once. */
export function passwordLength(password: string): number {
  return [...password].length;
}

function byteLength(password: string): number {
  return new TextEncoder().encode(password).length;
}

/** `abcabcabcabc`, `aaaaaaaaaaaa`, `12121212…`: long enough, guessable all the same (NIST: "repetitive"). */
export function isRepetitivePassword(password: string): boolean {
  const chars = [...password.normalize('NFKC').toLowerCase()];
  for (let unit = 1; unit <= 4 && unit < chars.length; unit++) {
    if (chars.every((c, i) => c === chars[i % unit])) return true;
  }
  return false;
}

/** The words a password must not contain: the product's name, the address's local part, the name. */
export function passwordContextWords(context: PasswordContext): string[] {
  const words = new Set<string>(PASSWORD_PRODUCT_WORDS);
  const local = (context.email ?? '').trim().toLowerCase().split('@')[0] ?? '';
  words.add(local);
  for (const part of local.split(/[._+-]+/)) words.add(part);
  const name = (context.name ?? '').normalize('NFKC').toLowerCase();
  words.add(name.replace(/\s+/g, ''));
  for (const part of name.split(/[\s._-]+/)) words.add(part);
  return [...words].filter((w) => [...w].length >= MIN_CONTEXT_WORD);
}

/**
 * The first shared rule the password breaks, or null. `isCommon` is the server's blocklist check;
 * the browser passes nothing and so cannot report `password_too_common` for a listed password.
 */
export function passwordRuleIssue(
  password: string,
  context: PasswordContext = {},
  isCommon: (lower: string) => boolean = () => false,
): PasswordRuleIssue | null {
  if (byteLength(password) > PASSWORD_MAX_BYTES) return 'too_big';
  if (passwordLength(password) < PASSWORD_MIN_LENGTH) return 'too_small';
  const lower = password.normalize('NFKC').toLowerCase();
  if (isCommon(lower) || isRepetitivePassword(lower)) return 'password_too_common';
  if (passwordContextWords(context).some((word) => lower.includes(word))) return 'password_contains_context';
  return null;
}
