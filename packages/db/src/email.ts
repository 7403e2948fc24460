import { domainToASCII } from 'node:url';

/**
 * THE canonical form in which emails are stored and looked up (User.email and
 * WaitlistEntry.email are unique on it); ADR 0008. Every variant of one address maps to one
 * account:
 * - trim surrounding whitespace;
 * - NFKC, so fullwidth and other compatibility forms fold (`ａｄａ@…` → `ada@…`);
 * - lowercase the WHOLE address (not only the domain): no mainstream provider distinguishes
 *   local-part case, and treating `Ann@x.io` and `ann@x.io` as two accounts is a takeover risk;
 * - drop the trailing dot of a fully-qualified domain (`x.io.` is `x.io`);
 * - internationalized domains become their ASCII (punycode) form, so a Unicode look-alike domain
 *   is a different, visibly `xn--` domain, never silently the same account.
 * The HTTP contract (`Email`) additionally rejects non-ASCII addresses, so at the API these steps
 * matter for case; they keep every other writer (seed, admin, imports) on the same rule.
 */
export function normalizeEmail(email: string): string {
  const folded = email.trim().normalize('NFKC').toLowerCase();
  const at = folded.lastIndexOf('@');
  if (at < 0) return folded;
  const local = folded.slice(0, at);
  const domain = folded.slice(at + 1).replace(/\.$/, '');
  // domainToASCII returns '' for an invalid domain: keep it as typed, validation rejects it.
  return `${local}@${domainToASCII(domain) || domain}`;
}
