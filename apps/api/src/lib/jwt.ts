import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import { AppError } from '../errors';

/** Fixed, so a token minted for another service sharing the key by mistake is still refused. */
export const ACCESS_TOKEN_ISSUER = 'groundwork-api';
export const ACCESS_TOKEN_AUDIENCE = 'groundwork';

/** What an access token asserts. Times are Unix seconds (RFC 7519). */
export interface AccessClaims {
  /** User id. */
  sub: string;
  /** Session id: revocation is keyed by it. */
  sid: string;
  role: string;
  /** Authentication methods (RFC 8176), e.g. ['pwd']. */
  amr: string[];
  /** When the user last proved who they are (sudo mode). */
  auth_time: number;
  /** Set while TWO_FACTOR_POLICY demands enrolment the user has not done (ADR 0012). */
  mfa_required?: boolean;
  /** Actor (RFC 8693 §4.1): the admin impersonating `sub` (D1, ADR 0019). */
  act?: { sub: string };
  iat: number;
  exp: number;
}

export type AccessTokenInput = Omit<AccessClaims, 'iat' | 'exp'>;

export interface AccessTokens {
  readonly ttlSeconds: number;
  /** `notAfter` caps the expiry below the TTL: a token never outlives its session's time limit. */
  sign(claims: AccessTokenInput, notAfter?: Date): string;
  /** Throws AppError token_expired for a genuine expired token, token_invalid for anything else. */
  verify(token: string): AccessClaims;
}

export interface AccessTokenOptions {
  secret: string;
  ttlSeconds: number;
}

/**
 * HS256 access tokens (fast-jwt: a few µs per verify, ADR 0009). The verifier pins the
 * algorithm, so `alg: none` and key-confusion tokens never reach claim checks. Verified tokens are
 * cached (fast-jwt honours `exp` in the cache); revocation is checked separately on every request.
 */
export function createAccessTokens({ secret, ttlSeconds }: AccessTokenOptions): AccessTokens {
  const signer = createSigner({
    key: secret,
    algorithm: 'HS256',
    iss: ACCESS_TOKEN_ISSUER,
    aud: ACCESS_TOKEN_AUDIENCE,
    expiresIn: ttlSeconds * 1000,
  });
  // fast-jwt's expiresIn overrides a payload `exp`; capped tokens go through a signer without it.
  const cappedSigner = createSigner({
    key: secret,
    algorithm: 'HS256',
    iss: ACCESS_TOKEN_ISSUER,
    aud: ACCESS_TOKEN_AUDIENCE,
  });
  const verifier = createVerifier({
    key: secret,
    algorithms: ['HS256'],
    allowedIss: ACCESS_TOKEN_ISSUER,
    allowedAud: ACCESS_TOKEN_AUDIENCE,
    requiredClaims: ['sub', 'sid', 'role', 'amr', 'auth_time', 'iat', 'exp', 'iss', 'aud'],
    cache: 2048,
  });

  return {
    ttlSeconds,
    sign(claims, notAfter) {
      const cap = notAfter ? Math.floor(notAfter.getTime() / 1000) : Number.POSITIVE_INFINITY;
      const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
      return cap < exp ? cappedSigner({ ...claims, exp: cap }) : signer({ ...claims });
    },
    verify(token) {
      let payload: unknown;
      try {
        payload = verifier(token);
      } catch (error) {
        // fast-jwt checks the signature before the claims, so only an authentic token can be
        // "expired": telling the client to refresh leaks nothing about forged ones.
        if (error instanceof TokenError && error.code === TokenError.codes.expired) {
          throw new AppError('token_expired');
        }
        throw new AppError('token_invalid');
      }
      if (!isAccessClaims(payload)) throw new AppError('token_invalid');
      return payload;
    },
  };
}

function isAccessClaims(p: unknown): p is AccessClaims {
  if (typeof p !== 'object' || p === null) return false;
  const c = p as Record<string, unknown>;
  return (
    typeof c.sub === 'string' &&
    typeof c.sid === 'string' &&
    typeof c.role === 'string' &&
    Array.isArray(c.amr) &&
    c.amr.every((m) => typeof m === 'string') &&
    typeof c.auth_time === 'number' &&
    (c.mfa_required === undefined || typeof c.mfa_required === 'boolean') &&
    (c.act === undefined || isActor(c.act)) &&
    typeof c.iat === 'number' &&
    typeof c.exp === 'number'
  );
}

function isActor(a: unknown): a is { sub: string } {
  return typeof a === 'object' && a !== null && typeof (a as { sub?: unknown }).sub === 'string';
}
