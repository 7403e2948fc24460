import { Problem, SignInResponse, TwoFactorVerifyBody } from '@repo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { cookieNames, readCookie } from '../../lib/cookies';
import { toMe } from '../../lib/http/me';
import { AUTH_BODY_LIMIT, problemResponses } from '../../lib/http/routes';
import { requestMeta } from '../../lib/request-meta';
import type { AppDeps } from '../../types';
import type { PendingChallenge } from './challenge.service';
import { issueSession } from './issue';
import { setTrustedCookie } from './trusted-devices';
import { verifySecondFactor } from './verify.service';

/** The body of a sign-in (password or SSO) that must continue at POST /auth/two-factor. */
export const challengeResponse = (c: PendingChallenge) => ({
  twoFactorRequired: true as const,
  challengeToken: c.challengeToken,
  expiresAt: c.expiresAt.toISOString(),
});

const problems = problemResponses(400, 401, 413, 415, 429);

/** The second step of a sign-in (A4, ADR 0012). Public: the challenge token is the credential. */
export const challengeRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { env } = deps;
  const secure = env.COOKIE_SECURE;

  app.post(
    '/auth/two-factor',
    {
      config: { access: 'public' },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['auth'],
        summary: 'Complete a sign-in with a TOTP or backup code',
        description:
          'Takes the `challengeToken` of a sign-in that answered `twoFactorRequired`, and either a ' +
          '6-digit `code` or a `backupCode`. Wrong code: 400 two_factor_invalid (TWO_FACTOR_MAX_ATTEMPTS ' +
          'per challenge). Unknown, expired, used or exhausted challenge: 401 token_invalid — sign in ' +
          'again. `rememberDevice` skips this step on this browser for TRUSTED_DEVICE_DAYS.',
        body: TwoFactorVerifyBody,
        response: { 200: SignInResponse, ...problems, 423: Problem },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const s = await verifySecondFactor(deps, {
        challengeToken: body.challengeToken,
        code: body.code,
        backupCode: body.backupCode,
        rememberDevice: body.rememberDevice,
        meta: requestMeta(request),
        deviceCookie: readCookie(request.cookies, cookieNames(secure).device),
      });
      if (s.trusted) setTrustedCookie(reply, secure, s.trusted.token, s.trusted.expiresAt);
      const tokens = issueSession(app, reply, env, s, body.tokenDelivery);
      return { user: toMe(s.user), ...(tokens ? { tokens } : {}) };
    },
  );
};
