import type { SsoErrorCode } from '@repo/contracts';
import * as oidc from 'openid-client';
import type { ApiEnv } from '../../env';
import { AppError } from '../../errors';
import type { FlowState } from './flow-cookie';
import type { SsoProvider } from './providers';

/** Who the provider says signed in, after every protocol check passed. */
export interface ProviderProfile {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/** A failed callback, carrying the code the web shows (never a session). */
export class SsoFlowError extends Error {
  constructor(
    readonly code: SsoErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SsoFlowError';
  }
}

/** Maps openid-client's failures to what the user is told; the cause is kept for the log. */
export function toFlowError(error: unknown): SsoFlowError {
  if (error instanceof SsoFlowError) return error;
  if (error instanceof AppError && error.code === 'sso_provider_unavailable')
    return new SsoFlowError('sso_provider_unavailable', error.message, { cause: error });
  if (error instanceof oidc.AuthorizationResponseError) {
    const code = error.error === 'access_denied' ? 'sso_access_denied' : 'sso_failed';
    return new SsoFlowError(code, `provider answered ${error.error}`, { cause: error });
  }
  if (error instanceof oidc.ResponseBodyError)
    return new SsoFlowError('sso_failed', `token endpoint answered ${error.error}`, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  // openid-client wraps oauth4webapi's precise reason (e.g. 'unexpected "state" …') as the cause.
  const inner = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  if (/"state"/.test(inner) || /"state"/.test(message))
    return new SsoFlowError('sso_state_invalid', message, { cause: error });
  if (error instanceof TypeError && /fetch failed/i.test(message))
    return new SsoFlowError('sso_provider_unavailable', message, { cause: error });
  return new SsoFlowError('sso_failed', message, { cause: error });
}

/**
 * Exchanges the code at the provider and returns the verified profile. openid-client checks the
 * state, the `iss` response parameter, the PKCE verifier (at the token endpoint) and, for OIDC,
 * the ID token's signature, issuer, audience, expiry and nonce; any failure throws.
 */
export async function exchangeCode(
  env: ApiEnv,
  provider: SsoProvider,
  config: oidc.Configuration,
  callbackUrl: URL,
  flow: FlowState,
): Promise<ProviderProfile> {
  const oidcFlow = provider.kind === 'oidc';
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: flow.codeVerifier,
    expectedState: flow.state,
    ...(oidcFlow ? { expectedNonce: flow.nonce, idTokenExpected: true } : {}),
  });
  if (!oidcFlow) return githubProfile(env, tokens.access_token);
  const idClaims = tokens.claims();
  if (!idClaims) throw new SsoFlowError('sso_failed', 'no ID token');
  let claims: Record<string, unknown> = idClaims;
  // Many providers put the address in the UserInfo response only (the ID token carries just
  // `sub`); openid-client checks that its subject is the ID token's.
  if (typeof claims.email !== 'string' && tokens.access_token) {
    claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)), sub: idClaims.sub };
  }
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
  return {
    subject: idClaims.sub,
    email,
    // Only an explicit `true` counts: a missing claim is an unverified address.
    emailVerified: email !== null && claims.email_verified === true,
    name: typeof claims.name === 'string' ? claims.name : null,
  };
}

interface GithubUser {
  id: number;
  login: string;
  name: string | null;
}
interface GithubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

/** GitHub is plain OAuth 2: the profile and the verified primary address come from its REST API. */
async function githubProfile(env: ApiEnv, accessToken: string): Promise<ProviderProfile> {
  const base = env.GITHUB_API_URL.replace(/\/$/, '');
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'user-agent': 'groundwork',
      },
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new SsoFlowError('sso_failed', `GitHub ${path} answered ${res.status}`);
    return (await res.json()) as T;
  };
  const [user, emails] = await Promise.all([get<GithubUser>('/user'), get<GithubEmail[]>('/user/emails')]);
  if (typeof user?.id !== 'number') throw new SsoFlowError('sso_failed', 'GitHub /user has no id');
  const primary = Array.isArray(emails) ? emails.find((e) => e.primary) : undefined;
  return {
    subject: String(user.id),
    email: primary?.email.trim().toLowerCase() ?? null,
    emailVerified: primary?.verified === true,
    name: user.name || user.login || null,
  };
}
