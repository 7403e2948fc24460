/**
 * Failed API-key lookups per client address (ipKey), in this process. The auth hook runs before
 * the rate limiter (the limiter needs to know whether a key was verified to pick its budget), so
 * without this a flood of well-formed but unknown `gwk_…` keys would cost one database lookup per
 * request even after the limiter refuses the address. Once an address has failed as many lookups
 * in a window as its whole request budget (RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS), its keys are
 * refused without a lookup until the window ends: the answer is the same `api_key_invalid` (or
 * the limiter's 429), so nothing about keys can be learned from the difference.
 *
 * Keys that verified recently in this process stay looked up even then: an integration behind the
 * same address (a shared NAT or proxy) keeps working while its neighbour floods. Their prefixes are
 * public identifiers, so a flood of wrong secrets for a known prefix still costs lookups — one
 * indexed point read each, and the rate limiter's answer stays the same.
 *
 * Local to the process on purpose: it protects this process's database pool, needs no Redis
 * round trip on the hot path, and is bounded (oldest addresses are forgotten first).
 */
export interface ApiKeyFailures {
  /** False while `address` is over its failed-lookup budget: skip the lookup, refuse the key. */
  allow(address: string): boolean;
  /** Counts one failed lookup (unknown, wrong, revoked or expired key). */
  fail(address: string): void;
  /** Whether a key with this prefix verified here recently (then it is looked up regardless). */
  knownGood(prefix: string): boolean;
  /** Records a successful verification of the key with this prefix. */
  succeed(prefix: string): void;
}

export interface ApiKeyFailuresOptions {
  max: number;
  windowMs: number;
  /** Addresses (and good prefixes) remembered at most; beyond this the oldest are dropped. */
  maxEntries?: number;
  /** How long a verified key counts as known-good after its last success (default 1 hour). */
  goodForMs?: number;
  now?: () => number;
}

export function createApiKeyFailures(opts: ApiKeyFailuresOptions): ApiKeyFailures {
  const now = opts.now ?? Date.now;
  const maxEntries = opts.maxEntries ?? 10_000;
  const goodForMs = opts.goodForMs ?? 3_600_000;
  const windows = new Map<string, { count: number; resetAt: number }>();
  /** prefix → last success; re-inserted on success, so the first entry is the stalest. */
  const good = new Map<string, number>();
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
    knownGood(prefix) {
      const at = good.get(prefix);
      return at !== undefined && now() - at < goodForMs;
    },
    succeed(prefix) {
      good.delete(prefix);
      good.set(prefix, now());
      if (good.size > maxEntries) good.delete(good.keys().next().value as string);
    },
  };
}
