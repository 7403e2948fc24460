/**
 * Failed API-key lookups per client address (ipKey), in this process. The auth hook runs before
 * the rate limiter (the limiter needs to know whether a key was verified to pick its budget), so
 * without this a flood of well-formed but unknown `gwk_…` keys would cost one database lookup per
 * request even after the limiter refuses the address. Once an address has failed as many lookups
 * in a window as its whole request budget (RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS), its keys are
 * refused without a lookup until the window ends: the answer is the same `api_key_invalid` (or
 * the limiter's 429), so nothing about keys can be learned from the difference.
 *
 * Local to the process on purpose: it protects this process's database pool, needs no Redis
 * round trip on the hot path, and is bounded (oldest addresses are forgotten first).
 */
export interface ApiKeyFailures {
  /** False while `address` is over its failed-lookup budget: skip the lookup, refuse the key. */
  allow(address: string): boolean;
  /** Counts one failed lookup (unknown, wrong, revoked or expired key). */
  fail(address: string): void;
}

export interface ApiKeyFailuresOptions {
  max: number;
  windowMs: number;
  /** Addresses remembered at most; beyond this the oldest entries are dropped. */
  maxEntries?: number;
  now?: () => number;
}

export function createApiKeyFailures(opts: ApiKeyFailuresOptions): ApiKeyFailures {
  const now = opts.now ?? Date.now;
  const maxEntries = opts.maxEntries ?? 10_000;
  const windows = new Map<string, { count: number; resetAt: number }>();
  const current = (address: string) => {
    const entry = windows.get(address);
    if (entry && entry.resetAt <= now()) {
      windows.delete(address);
      return undefined;
    }
    return entry;
  };
  return {
    allow: (address) => (current(address)?.count ?? 0) < opts.max,
    fail(address) {
      const entry = current(address);
      if (entry) {
        entry.count += 1;
        return;
      }
      windows.set(address, { count: 1, resetAt: now() + opts.windowMs });
      // Map iteration is insertion order: the first key is the oldest window.
      if (windows.size > maxEntries) windows.delete(windows.keys().next().value as string);
    },
  };
}
