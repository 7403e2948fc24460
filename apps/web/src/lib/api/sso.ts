import 'server-only';
import { SsoProvidersResponse, type SsoProviderView } from '@repo/contracts';
import { serverEnv } from '@/env';

/**
 * Configured sign-in providers (public, no cookies). Any failure is an empty list: password
 * sign-in must keep working when the API's provider list (or a provider) is unavailable.
 */
export async function getSsoProviders(): Promise<SsoProviderView[]> {
  try {
    const res = await fetch(`${serverEnv().API_URL}/v1/auth/sso/providers`, {
      headers: { accept: 'application/json' },
      cache: 'no-store',
      signal: AbortSignal.timeout(3_000),
    });
    if (!res.ok) return [];
    const parsed = SsoProvidersResponse.safeParse(await res.json().catch(() => null));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** Where a provider button points: the API starts the flow (PKCE, state, nonce) and redirects. */
export function ssoStartUrl(providerId: string, next: string): string {
  return `/api/v1/auth/sso/${encodeURIComponent(providerId)}/start?next=${encodeURIComponent(next)}`;
}
