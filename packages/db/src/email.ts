/**
 * Canonical form in which emails are stored and looked up (User.email and
 * WaitlistEntry.email are unique on it). Lowercasing the whole address (not only the
 * domain) is deliberate: no mainstream provider distinguishes local-part case, and
 * treating `Ann@x.io` and `ann@x.io` as two accounts is a takeover risk.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
