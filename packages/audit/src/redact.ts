/** What a secret-looking value is replaced with in audit diffs. */
export const REDACTED = '[redacted]';

/**
 * Keys whose values never reach the audit log, matched case-insensitively on the key name with
 * separators removed (`password_hash`, `refreshToken`, `api-key` …). Substring match on purpose:
 * a new `resetTokenHash` column is redacted without anyone remembering to list it.
 */
const SECRET_KEY =
  /password|passwd|passphrase|secret|token|hash|apikey|privatekey|totp|^otp|cookie|authorization|credential|signature/i;

/** `apiKeyId`, `tokenId`: the id of a row that holds a secret is not a secret itself. */
const IDENTIFIER = /Id$|_id$|-id$/;

export function isSecretKey(key: string): boolean {
  if (IDENTIFIER.test(key)) return false;
  return SECRET_KEY.test(key.replace(/[-_\s.]/g, ''));
}

/** Deepest nesting copied into a diff; deeper values are cut (a diff is a summary, not a dump). */
const MAX_DEPTH = 8;

/**
 * Returns a JSON-safe copy of `value` with every secret-looking key's value replaced by
 * '[redacted]', at any depth and inside arrays. Dates become ISO strings; functions, symbols and
 * undefined are dropped (JSON has no place for them); cycles are cut.
 */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'object') return undefined;
  if (depth >= MAX_DEPTH || seen.has(value)) return '[truncated]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen) ?? null);
  // Object.create(null): a `__proto__` key in the input stays a plain data key in the copy.
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, inner] of Object.entries(value)) {
    if (isSecretKey(key)) {
      if (inner !== undefined) out[key] = REDACTED;
      continue;
    }
    const copy = redact(inner, depth + 1, seen);
    if (copy !== undefined) out[key] = copy;
  }
  seen.delete(value);
  return { ...out };
}
