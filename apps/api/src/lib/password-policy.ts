import { createRequire } from 'node:module';
import {
  PASSWORD_MAX_BYTES,
  PASSWORD_MIN_LENGTH,
  type PasswordContext,
  passwordRuleIssue,
} from '@repo/contracts';
import type { FieldIssue } from '../errors';

/**
 * NIST SP 800-63B §3.1.1.2 password policy: a length floor and ceiling, NO composition rules
 * (they push people to `Password1!`), and a blocklist of common/breached passwords and
 * context-specific words. The rules themselves are `passwordRuleIssue` in @repo/contracts (the
 * sign-up form's strength hint runs the same code); the blocklist is the server-side data added
 * here. ADR 0008.
 */

export type { PasswordContext };

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

/** Field issues for `validation_failed` (empty = acceptable). `path` defaults to `password`. */
export function checkPasswordPolicy(
  password: string,
  context: PasswordContext = {},
  path = 'password',
): FieldIssue[] {
  const issue = passwordRuleIssue(password, context, (lower) => commonPasswordSet().has(lower));
  return issue ? [{ path, code: issue, message: MESSAGES[issue] }] : [];
}

const MESSAGES = {
  too_big: `Use at most ${PASSWORD_MAX_BYTES} bytes.`,
  too_small: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  password_too_common: 'This password is too common or appears in known data breaches; choose another.',
  password_contains_context: 'Do not use your name, your email address or the product name in your password.',
} as const;
