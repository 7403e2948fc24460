import type { SsoProviderView } from '@repo/contracts';
import * as oidc from 'openid-client';
import type { ApiEnv } from '../../env';
import { AppError } from '../../errors';

/** A configured sign-in provider. `issuer` is what identities are keyed by, with the subject. */
export interface SsoProvider {
  id: string;
  label: string;
  kind: 'oidc' | 'github';
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
}

/** Only providers with credentials are listed: Google/GitHub need both id and secret. */
export function configuredProviders(env: ApiEnv): SsoProvider[] {
  const list: SsoProvider[] = [];
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    list.push({
      id: 'google',
      label: 'Google',
      kind: 'oidc',
      issuer: env.GOOGLE_ISSUER_URL,
      clientId: env.GOOGLE_CLIENT_ID,
      clientSecret: env.GOOGLE_CLIENT_SECRET,
    });
  }
  if (env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET) {
    list.push({
      id: 'github',
      label: 'GitHub',
      kind: 'github',
      // GitHub has no OIDC issuer for users; its OAuth origin stands in (subjects are numeric ids).
      issuer: new URL(env.GITHUB_OAUTH_URL).origin,
      clientId: env.GITHUB_CLIENT_ID,
      clientSecret: env.GITHUB_CLIENT_SECRET,
    });
  }
  for (const p of env.OIDC_PROVIDERS) {
    if (list.some((x) => x.id === p.id)) continue; // google/github ids are taken by the built-ins
    list.push({ ...p, kind: 'oidc', clientSecret: p.clientSecret });
  }
  return list;
}

export const toView = (p: SsoProvider): SsoProviderView => ({ id: p.id, label: p.label, kind: p.kind });

/** Plain http is tolerated for loopback issuers only (the dev stack and tests), never elsewhere. */
function isLoopbackHttp(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}

const DISCOVERY_TIMEOUT_SECONDS = 5;

export interface ProviderClients {
  /** The provider's openid-client configuration; 503 sso_provider_unavailable when unreachable. */
  config(provider: SsoProvider): Promise<oidc.Configuration>;
}

/**
 * openid-client configurations per provider, discovered lazily and cached per app instance. A
 * failed discovery is not cached, so the next attempt retries; it never affects password sign-in
 * (nothing is discovered at boot). GitHub is plain OAuth 2 with fixed endpoints: no discovery.
 */
export function createProviderClients(env: ApiEnv): ProviderClients {
  const cache = new Map<string, Promise<oidc.Configuration>>();

  async function build(p: SsoProvider): Promise<oidc.Configuration> {
    const auth = p.clientSecret ? oidc.ClientSecretBasic(p.clientSecret) : oidc.None();
    const insecure = isLoopbackHttp(p.issuer);
    if (p.kind === 'github') {
      const base = env.GITHUB_OAUTH_URL.replace(/\/$/, '');
      const config = new oidc.Configuration(
        {
          issuer: p.issuer,
          authorization_endpoint: `${base}/login/oauth/authorize`,
          token_endpoint: `${base}/login/oauth/access_token`,
        },
        p.clientId,
        p.clientSecret,
        oidc.ClientSecretPost(p.clientSecret),
      );
      if (insecure) oidc.allowInsecureRequests(config);
      return config;
    }
    try {
      return await oidc.discovery(new URL(p.issuer), p.clientId, p.clientSecret, auth, {
        timeout: DISCOVERY_TIMEOUT_SECONDS,
        ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      });
    } catch (cause) {
      throw new AppError('sso_provider_unavailable', `${p.label} cannot be reached right now.`, { cause });
    }
  }

  return {
    config(p) {
      let entry = cache.get(p.id);
      if (!entry) {
        entry = build(p);
        cache.set(p.id, entry);
        entry.catch(() => cache.delete(p.id));
      }
      return entry;
    },
  };
}
