/**
 * The payload of a JWT, unverified. UI decisions only (where to send the user); the API verifies
 * every token and enforces the same rule with a 403.
 */
export function jwtPayload(token: string | undefined): Record<string, unknown> | null {
  const part = token?.split('.')[1];
  if (!part) return null;
  try {
    const json: unknown = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/')));
    return typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** True when the access token says the 2FA policy requires enrolment before anything else. */
export function enrolmentRequired(token: string | undefined): boolean {
  const payload = jwtPayload(token);
  if (!payload) return false;
  if (payload.mfa_required === true) return true;
  const amr = payload.amr;
  return Array.isArray(amr) && amr.includes('mfa_required');
}
