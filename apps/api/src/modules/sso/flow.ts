import { safeSameOriginPath } from '@repo/contracts';
import type { FastifyReply } from 'fastify';
import * as oidc from 'openid-client';
import type { ApiEnv } from '../../env';
import { FLOW_TTL_SECONDS, type FlowSealer, type FlowState, flowCookieName } from './flow-cookie';
import type { ProviderClients, SsoProvider } from './providers';

const LOCALES = new Set(['en', 'fr', 'ar']);

export const appBase = (env: ApiEnv) => env.APP_URL.replace(/\/+$/, '');

/**
 * Where the provider sends the browser back. The API is public only through the web app's
 * same-origin `/api` proxy, so the callback lives there too and its cookies land on the web origin.
 */
export const callbackUri = (env: ApiEnv, providerId: string) =>
  `${appBase(env)}/api/v1/auth/sso/${providerId}/callback`;

/** Same-origin path or nothing: the web's safeNextPath rules, shared through @repo/contracts. */
export function safeNext(value: string | undefined): string | undefined {
  return safeSameOriginPath(value);
}

/** The locale a `next` path starts with (`/fr/…`), else English. */
export function localeOf(next: string | undefined): string {
  const first = next?.split('/')[1] ?? '';
  return LOCALES.has(first) ? first : 'en';
}

export interface BeginFlowInput {
  provider: SsoProvider;
  mode: FlowState['mode'];
  next: string;
  userId?: string;
  nowMs: number;
}

/**
 * Builds the provider's authorization URL with PKCE (S256), state and (OIDC) nonce, and sets the
 * sealed flow cookie that the callback checks them against.
 */
export async function beginFlow(
  env: ApiEnv,
  clients: ProviderClients,
  sealer: FlowSealer,
  reply: FastifyReply,
  input: BeginFlowInput,
): Promise<URL> {
  const { provider } = input;
  const config = await clients.config(provider);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = provider.kind === 'oidc' ? oidc.randomNonce() : undefined;
  const params: Record<string, string> = {
    redirect_uri: callbackUri(env, provider.id),
    scope: provider.kind === 'github' ? 'read:user user:email' : 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    ...(nonce ? { nonce } : {}),
    // A link is a deliberate act in settings: ask the provider which account, not the last one.
    ...(input.mode === 'link' && provider.kind === 'oidc' ? { prompt: 'select_account' } : {}),
  };
  const prompts = config.serverMetadata().prompt_values_supported;
  if (params.prompt && !(Array.isArray(prompts) && prompts.includes('select_account'))) delete params.prompt;
  const flow: FlowState = {
    v: 1,
    provider: provider.id,
    mode: input.mode,
    state,
    ...(nonce ? { nonce } : {}),
    codeVerifier,
    next: input.next,
    locale: localeOf(input.next),
    ...(input.userId ? { userId: input.userId } : {}),
    exp: Math.floor(input.nowMs / 1000) + FLOW_TTL_SECONDS,
  };
  // Lax: the provider's redirect back is a top-level GET navigation, which Lax cookies accompany.
  reply.setCookie(flowCookieName(env.COOKIE_SECURE), sealer.seal(flow), {
    httpOnly: true,
    secure: env.COOKIE_SECURE,
    sameSite: 'lax',
    path: '/',
    maxAge: FLOW_TTL_SECONDS,
  });
  return oidc.buildAuthorizationUrl(config, params);
}

export function clearFlowCookie(env: ApiEnv, reply: FastifyReply): void {
  reply.clearCookie(flowCookieName(env.COOKIE_SECURE), {
    httpOnly: true,
    secure: env.COOKIE_SECURE,
    sameSite: 'lax',
    path: '/',
  });
}
