import {
  Problem,
  ReauthenticateBody,
  RefreshBody,
  SignInBody,
  SignInResponse,
  TwoFactorRequired,
} from '@repo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { clearSessionCookies, cookieNames, readCookie, setAccessCookie } from '../../lib/cookies';
import { toMe } from '../../lib/http/me';
import { AUTH_BODY_LIMIT, problemResponses } from '../../lib/http/routes';
import { requestMeta } from '../../lib/request-meta';
import { enrolmentPending } from '../../lib/two-factor-policy';
import type { AppDeps } from '../../types';
import { signOutImpersonation } from '../impersonation';
import { rotateRefreshToken, signOut } from '../sessions';
import { challengeResponse, issueSession, trustedCookieName } from '../two-factor';
import { reauthenticate, signIn } from './auth.service';

export interface AuthRoutesOptions {
  deps: AppDeps;
}

export const SignOutBody = z.strictObject({ refreshToken: z.string().min(20).max(200).optional() });
/** Browsers get the new access token as a cookie; Bearer clients in the body. */
export const ReauthenticateResponse = z.object({
  status: z.literal('reauthenticated'),
  accessToken: z.string().optional(),
  expiresIn: z.number(),
});

const problems = problemResponses(400, 401, 403, 413, 415, 429);

/** Sign-in, silent refresh, sign-out and sudo re-authentication (A1, A2, A6: docs/identity.md). */
export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, { deps }) => {
  const { env } = deps;
  const secure = env.COOKIE_SECURE;
  const names = cookieNames(secure);
  const ttl = env.ACCESS_TOKEN_TTL_SECONDS;

  app.post(
    '/auth/sign-in',
    {
      config: { access: 'public' },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        description:
          'Unknown email and wrong password answer the same 401 invalid_credentials. Browsers get ' +
          'httpOnly cookies; `tokenDelivery: "body"` returns the token pair instead (API clients).',
        body: SignInBody,
        response: { 200: z.union([SignInResponse, TwoFactorRequired]), ...problems, 423: Problem },
      },
    },
    async (request, reply) => {
      const { email, password, tokenDelivery } = request.body;
      const s = await signIn(deps, {
        email,
        password,
        meta: requestMeta(request),
        deviceCookie: readCookie(request.cookies, names.device),
        trustedDeviceCookie: readCookie(request.cookies, trustedCookieName(secure)),
      });
      // A second factor is due: no cookies, nothing but a token for POST /auth/two-factor.
      if (s.kind === 'challenge') return challengeResponse(s);
      const tokens = issueSession(app, reply, env, s, tokenDelivery);
      return { user: toMe(s.user), ...(tokens ? { tokens } : {}) };
    },
  );

  app.post(
    '/auth/refresh',
    {
      config: { access: 'public' },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['auth'],
        summary: 'Rotate the refresh token',
        description:
          'Takes the refresh cookie, or `refreshToken` in the body (then the new pair comes back in ' +
          'the body). Every refresh token works once; any failure is 401 token_invalid — sign in again.',
        body: RefreshBody.nullish(),
        response: { 200: SignInResponse, ...problems },
      },
    },
    async (request, reply) => {
      const fromBody = request.body?.refreshToken;
      const token = fromBody ?? readCookie(request.cookies, names.refresh);
      if (!token) throw new AppError('unauthorized', 'No refresh token.');
      const meta = requestMeta(request);
      const subject = { action: 'refresh' as const, ip: meta.ip };
      await deps.bruteForce.assertAllowed(subject);
      let rotated: Awaited<ReturnType<typeof rotateRefreshToken>>;
      try {
        rotated = await rotateRefreshToken(deps, { token, meta });
      } catch (error) {
        if (error instanceof AppError) await deps.bruteForce.recordFailure(subject);
        else await deps.bruteForce.recordSuccess(subject);
        // Cookies are deliberately left alone: the loser of a race between two tabs must not
        // clear the cookies the winner's response has just set.
        throw error;
      }
      await deps.bruteForce.recordSuccess(subject);
      const delivery = fromBody ? 'body' : (request.body?.tokenDelivery ?? 'cookie');
      // An admin impersonating the user is not the one to enrol (and cannot reach enrolment).
      const mfaRequired = rotated.impersonatorId ? false : await enrolmentPending(deps.db, env, rotated.user);
      const tokens = issueSession(app, reply, env, { ...rotated, mfaRequired }, delivery);
      return { user: toMe(rotated.user), ...(tokens ? { tokens } : {}) };
    },
  );

  app.post(
    '/auth/sign-out',
    {
      config: { access: 'public' },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['auth'],
        summary: 'End the current session',
        description:
          'Revokes the session of the access token (or of the refresh token) and clears the cookies.',
        body: SignOutBody.nullish(),
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      const refreshToken = request.body?.refreshToken ?? readCookie(request.cookies, names.refresh);
      await signOutImpersonation(deps, request, reply, names.refresh);
      await signOut(deps, { auth: request.auth, refreshToken, meta: requestMeta(request) });
      clearSessionCookies(reply, { secure });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/reauthenticate',
    {
      config: { access: 'authenticated', impersonation: 'deny' },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['auth'],
        summary: 'Confirm the password to enter sudo mode',
        description: `Sensitive actions answer 403 reauth_required when the last authentication is older than the sudo window; call this, then retry.`,
        body: ReauthenticateBody,
        response: { 200: ReauthenticateResponse, ...problems, 423: Problem },
      },
    },
    async (request, reply) => {
      const auth = request.auth;
      if (!auth) throw new AppError('unauthorized');
      const r = await reauthenticate(deps, auth, {
        password: request.body.password,
        meta: requestMeta(request),
      });
      const accessToken = app.accessTokens.sign({
        sub: auth.userId,
        sid: auth.sessionId,
        role: r.user.role,
        amr: r.amr,
        auth_time: Math.floor(r.authTime.getTime() / 1000),
        ...(auth.mfaRequired ? { mfa_required: true } : {}),
      });
      if (request.authVia === 'bearer')
        return { status: 'reauthenticated' as const, accessToken, expiresIn: ttl };
      setAccessCookie(reply, { secure }, accessToken, ttl);
      return { status: 'reauthenticated' as const, expiresIn: ttl };
    },
  );
};
