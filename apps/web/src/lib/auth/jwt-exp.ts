/**
 * Reads `exp` (Unix seconds) from a JWT without verifying it. Only used to decide whether to
 * refresh before rendering; the API verifies every token it receives.
 */
export function jwtExpiry(token: string | undefined): number | null {
  if (!token) return null;
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof json.exp === 'number' && Number.isFinite(json.exp) ? json.exp : null;
  } catch {
    return null;
  }
}

/** True when there is no usable access token: missing, unreadable, or expiring within `skewSeconds`. */
export function accessTokenStale(token: string | undefined, nowMs: number, skewSeconds = 10): boolean {
  const exp = jwtExpiry(token);
  return exp === null || exp * 1000 <= nowMs + skewSeconds * 1000;
}
