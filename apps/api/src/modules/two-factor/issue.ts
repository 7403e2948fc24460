import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ApiEnv } from '../../env';
import { setDeviceCookie, setSessionCookies } from '../../lib/cookies';

export interface IssuableSession {
  user: { id: string; role: string };
  sessionId: string;
  amr: string[];
  authTime: Date;
  refreshToken: string;
  refreshExpiresAt: Date;
  /** Set the device cookie too (sign-in); absent on refresh. */
  deviceCookie?: string;
  mfaRequired: boolean;
  /** D1 impersonation: the acting admin (`act` claim), and the time limit no token outlives. */
  impersonatorId?: string | null;
  notAfter?: Date;
}

/**
 * Signs the access token of a session and delivers the pair: httpOnly cookies for browsers, or
 * the body for API clients. Every path that hands out tokens (sign-in, second step, SSO callback,
 * refresh) goes through here, so none can forget the `mfa_required` confinement.
 */
export function issueSession(
  app: FastifyInstance,
  reply: FastifyReply,
  env: Pick<ApiEnv, 'COOKIE_SECURE' | 'ACCESS_TOKEN_TTL_SECONDS'>,
  s: IssuableSession,
  delivery: 'cookie' | 'body',
): { accessToken: string; refreshToken: string; expiresIn: number } | undefined {
  const secure = env.COOKIE_SECURE;
  const left = s.notAfter ? Math.floor((s.notAfter.getTime() - Date.now()) / 1000) : Number.POSITIVE_INFINITY;
  const ttl = Math.max(0, Math.min(env.ACCESS_TOKEN_TTL_SECONDS, left));
  const accessToken = app.accessTokens.sign(
    {
      sub: s.user.id,
      sid: s.sessionId,
      role: s.user.role,
      amr: s.amr,
      auth_time: Math.floor(s.authTime.getTime() / 1000),
      ...(s.mfaRequired ? { mfa_required: true } : {}),
      ...(s.impersonatorId ? { act: { sub: s.impersonatorId } } : {}),
    },
    s.notAfter,
  );
  if (s.deviceCookie) setDeviceCookie(reply, { secure }, s.deviceCookie);
  if (delivery === 'body') return { accessToken, refreshToken: s.refreshToken, expiresIn: ttl };
  setSessionCookies(reply, { secure }, { ...s, accessToken, accessMaxAge: ttl });
  return undefined;
}
