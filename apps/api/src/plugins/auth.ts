import cookie from '@fastify/cookie';
import type { ErrorCode } from '@repo/contracts';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';
import { createApiKeyFailures } from '../lib/api-key-failures';
import { type ApiKeyPrincipal, apiKeyPrefixOf, looksLikeApiKey, verifyApiKey } from '../lib/api-keys';
import { cookieNames, readCookie } from '../lib/cookies';
import { ipKey } from '../lib/ip-key';
import { type AccessTokens, createAccessTokens } from '../lib/jwt';
import { allowedWhileEnrolmentPending } from '../lib/two-factor-policy';
import { type AppDeps, systemClock } from '../types';

/** Who is calling, from a verified, unrevoked access token. */
export interface AuthContext {
  userId: string;
  sessionId: string;
  role: string;
  amr: string[];
  /** Last time the user proved who they are (sudo mode). */
  authTime: Date;
  /** TWO_FACTOR_POLICY: the token only reaches enrolment routes until 2FA is on (ADR 0012). */
  mfaRequired: boolean;
  /** The admin acting as this user (D1 impersonation, the token's `act` claim); null otherwise. */
  impersonatorId: string | null;
}

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Null when the request carries no valid access token (public routes still run). */
    auth: AuthContext | null;
    /** Set instead of `auth` when the bearer credential is a valid organization API key (A9). */
    apiKey: ApiKeyPrincipal | null;
    /** How the credentials came: the CSRF plugin only guards cookie-authenticated requests. */
    authVia: 'bearer' | 'cookie' | null;
    /** Why a presented token was refused; requireAuth answers with it. */
    authError: ErrorCode | null;
  }
  interface FastifyInstance {
    /** onRequest/preHandler guard: 401 unauthorized (no token), token_expired, token_invalid. */
    requireAuth: Guard;
    /** requireAuth + 403 reauth_required when the last authentication is older than SUDO_WINDOW. */
    requireSudo: Guard;
    accessTokens: AccessTokens;
  }
}

export interface AuthPluginOptions {
  deps: AppDeps;
}

const BEARER = /^Bearer ([A-Za-z0-9._-]{1,4096})$/i;

/** Query parameters that carry credentials elsewhere; here they are refused (URLs end up in logs). */
const CREDENTIAL_PARAMS = /^(api[_-]?key|access[_-]?token|bearer)$/i;

function credentialsInQuery(query: unknown): boolean {
  if (typeof query !== 'object' || query === null) return false;
  for (const [name, value] of Object.entries(query)) {
    if (CREDENTIAL_PARAMS.test(name)) return true;
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'string' && looksLikeApiKey(v))) return true;
  }
  return false;
}

/**
 * Authenticates every request from `Authorization: Bearer <jwt>` (API clients; wins when both are
 * present) or the httpOnly access cookie (browsers). Verification is CPU-only: the signature, the
 * claims, and the in-memory revocation set (lib/revocations.ts) — no database read per request.
 * A bad token does not fail the request by itself, so public routes keep working with a stale
 * cookie; guarded routes answer with the recorded reason.
 */
const auth: FastifyPluginAsync<AuthPluginOptions> = async (app, { deps }) => {
  const { env, revocations } = deps;
  const clock = deps.clock ?? systemClock;
  const names = cookieNames(env.COOKIE_SECURE);
  const tokens = createAccessTokens({
    secret: env.AUTH_JWT_SECRET,
    ttlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
  });

  await app.register(cookie, { hook: 'onRequest' });
  await revocations.start();
  // An address never costs more key lookups than its request budget (lib/api-key-failures.ts).
  const keyFailures = createApiKeyFailures({ max: env.RATE_LIMIT_MAX, windowMs: env.RATE_LIMIT_WINDOW_MS });

  app.decorate('accessTokens', tokens);
  app.decorateRequest('auth', null);
  app.decorateRequest('apiKey', null);
  app.decorateRequest('authVia', null);
  app.decorateRequest('authError', null);

  app.addHook('onRequest', async (request) => {
    // Refused outright, even on public routes: the key has already leaked into access logs, and
    // accepting it would teach clients to keep doing it.
    if (credentialsInQuery(request.query)) {
      throw new AppError(
        'credentials_in_query',
        'Send credentials in the Authorization header, not the URL.',
      );
    }
    const header = request.headers.authorization;
    let token: string | undefined;
    if (header !== undefined) {
      request.authVia = 'bearer';
      token = BEARER.exec(header)?.[1];
      if (!token) {
        request.authError = 'token_invalid';
        return;
      }
      if (looksLikeApiKey(token)) {
        const address = ipKey(request.ip);
        const lookup = keyFailures.allow(address) || keyFailures.knownGood(apiKeyPrefixOf(token));
        request.apiKey = lookup ? await verifyApiKey(deps.db, token, clock.now()) : null;
        if (request.apiKey) keyFailures.succeed(request.apiKey.prefix);
        else {
          request.authError = 'api_key_invalid';
          keyFailures.fail(address);
        }
        return;
      }
    } else {
      token = readCookie(request.cookies, names.access);
      if (!token) {
        // A cookie was sent but is not even shaped like a token: tampering, not absence.
        if (request.cookies[names.access] !== undefined) request.authError = 'token_invalid';
        return;
      }
      request.authVia = 'cookie';
    }
    try {
      const claims = tokens.verify(token);
      if (revocations.isRevoked(claims.sid)) {
        request.authError = 'token_invalid';
        return;
      }
      if (claims.mfa_required && !allowedWhileEnrolmentPending(request.method, request.routeOptions.url)) {
        request.authError = 'two_factor_enrollment_required';
        return;
      }
      request.auth = {
        mfaRequired: claims.mfa_required === true,
        userId: claims.sub,
        sessionId: claims.sid,
        role: claims.role,
        amr: claims.amr,
        authTime: new Date(claims.auth_time * 1000),
        impersonatorId: claims.act?.sub ?? null,
      };
    } catch (error) {
      request.authError = error instanceof AppError ? error.code : 'token_invalid';
    }
  });

  // Personal data must not land in shared caches.
  app.addHook('onSend', async (request, reply) => {
    if (request.auth && !reply.hasHeader('cache-control')) reply.header('cache-control', 'private, no-store');
  });

  const requireAuth: Guard = async (request) => {
    if (!request.auth) throw new AppError(request.authError ?? 'unauthorized');
  };
  app.decorate('requireAuth', requireAuth);
  app.decorate('requireSudo', async (request: FastifyRequest, reply: FastifyReply) => {
    await requireAuth(request, reply);
    const age = clock.now().getTime() - (request.auth as AuthContext).authTime.getTime();
    if (age > env.SUDO_WINDOW_SECONDS * 1000) {
      throw new AppError('reauth_required', 'Confirm your password to continue.');
    }
  });
};

export default fp(auth, { name: 'auth' });
