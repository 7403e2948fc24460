import { createRequire } from 'node:module';
import { PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH } from '@repo/contracts';
import type { FieldIssue } from '../errors';

/**
 * NIST SP 800-63B §3.1.1.2 password policy: a length floor and ceiling, NO composition rules
 * (they push people to `Password1!`), and a blocklist of common/breached passwords and
 * context-specific words. Mirrors the Zod `Password` contract and adds what needs server-side
 * data. ADR 0008.
 */

/** Product names a user might build a password from; NIST's "context-specific words". */
const PRODUCT_WORDS = ['groundwork'];
/** Shorter context fragments (e.g. "ann") would reject far too many honest passwords. */
const MIN_CONTEXT_WORD = 4;

let commonPasswords: Set<string> | undefined;

/**
 * The ~49k most common passwords shipped by zxcvbn-ts (compiled from breach corpora), loaded on
 * first use: decompressing it costs ~40 ms and most processes (worker, CLI) never need it.
 * `require` keeps the policy check synchronous; the package ships a CommonJS build.
 */
function commonPasswordSet(): Set<string> {
  if (!commonPasswords) {
    const require = createRequire(import.meta.url);
    const { dictionary } = require('@zxcvbn-ts/language-common') as {
      dictionary: { 'passwords-common': string[] };
    };
    commonPasswords = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  }
  return commonPasswords;
}

/** Number of entries in the shipped list (tests assert the "at least 10,000" requirement). */
export function commonPasswordCount(): number {
  return commonPasswordSet().size;
}

/** `abcabcabcabc`, `aaaaaaaaaaaa`, `12121212…`: long enough, guessable all the same (NIST: "repetitive"). */
function isRepetitive(lower: string): boolean {
  const chars = [...lower];
  for (let unit = 1; unit <= 4 && unit < chars.length; unit++) {
    if (chars.every((c, i) => c === chars[i % unit])) return true;
  }
  return false;
}

function contextWords(context: PasswordContext): string[] {
  const words = new Set<string>(PRODUCT_WORDS);
  const local = (context.email ?? '').trim().toLowerCase().split('@')[0] ?? '';
  words.add(local);
  for (const part of local.split(/[._+-]+/)) words.add(part);
  const name = (context.name ?? '').normalize('NFKC').toLowerCase();
  words.add(name.replace(/\s+/g, ''));
  for (const part of name.split(/[\s._-]+/)) words.add(part);
  return [...words].filter((w) => [...w].length >= MIN_CONTEXT_WORD);
}

export interface PasswordContext {
  email?: string | undefined;
  name?: string | undefined;
}

/** Field issues for `validation_failed` (empty = acceptable). `path` defaults to `password`. */
export function checkPasswordPolicy(
  password: string,
  context: PasswordContext = {},
  path = 'password',
): FieldIssue[] {
  // NIST counts characters (code points), not UTF-16 units: an emoji counts once.
  const length = [...password].length;
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) {
    return [{ path, code: 'too_big', message: `Use at most ${PASSWORD_MAX_BYTES} bytes.` }];
  }
  if (length < PASSWORD_MIN_LENGTH) {
    return [{ path, code: 'too_small', message: `Use at least ${PASSWORD_MIN_LENGTH} characters.` }];
  }
  const lower = password.normalize('NFKC').toLowerCase();
  if (commonPasswordSet().has(lower) || isRepetitive(lower)) {
    return [
      {
        path,
        code: 'password_too_common',
        message: 'This password is too common or appears in known data breaches; choose another.',
      },
    ];
  }
  if (contextWords(context).some((word) => lower.includes(word))) {
    return [
      {
        path,
        code: 'password_contains_context',
        message: 'Do not use your name, your email address or the product name in your password.',
      },
    ];
  }
  return [];
}
