import {
  AdminUserParams,
  EndImpersonationResponse,
  StartImpersonationBody,
  StartImpersonationResponse,
} from '@repo/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';
import { clearSessionCookies, cookieNames, readCookie } from '../../lib/cookies';
import { AUTH_BODY_LIMIT, problemResponses } from '../../lib/http/routes';
import { requestMeta } from '../../lib/request-meta';
import { enrolmentPending } from '../../lib/two-factor-policy';
import type { AppDeps } from '../../types';
import { rotateRefreshToken } from '../sessions';
import { issueSession } from '../two-factor';
import {
  endImpersonations,
  ownImpersonationSession,
  rotatedJustNow,
  sessionOfRefreshToken,
  startImpersonation,
} from './impersonation.service';
import { clearStash, readStash, setStash } from './stash-cookie';

export interface ImpersonationRoutesOptions {
  deps: AppDeps;
}

const problems = problemResponses(400, 401, 403, 404, 409, 429);

/**
 * Admin impersonation (D1, ADR 0019). Starting needs sudo; the browser then carries the
 * user's session while the admin's own refresh token waits in a separate httpOnly cookie, and
 * ending the impersonation brings the admin's session back.
 */
export const impersonationRoutes: FastifyPluginAsyncZod<ImpersonationRoutesOptions> = async (
  app,
  { deps },
) => {
  const { env } = deps;
  const secure = env.COOKIE_SECURE;
  const names = cookieNames(secure);

  app.post(
    '/admin/users/:userId/impersonation',
    {
      config: { access: { permission: 'admin:access' } },
      onRequest: [app.requireSudo],
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['admin'],
        summary: 'Impersonate a user (sudo)',
        description:
          'Opens a session as the user, limited to IMPERSONATION_TTL_SECONDS, audited from start to end. ' +
          'It cannot reach the password, email, two-factor, sessions or API key settings, nor the admin ' +
          'area. Admins, disabled or deleted accounts and oneself answer 409 impersonation_not_allowed.',
        params: AdminUserParams,
        body: StartImpersonationBody,
        response: { 201: StartImpersonationResponse, ...problems },
      },
    },
    async (request, reply) => {
      const auth = request.auth;
      if (!auth) throw new AppError('unauthorized');
      const meta = requestMeta(request);
      const started = await startImpersonation(
        deps,
        { userId: auth.userId, sessionId: auth.sessionId, meta },
        { targetId: request.params.userId, reason: request.body.reason },
      );
      const session = {
        user: started.user,
        sessionId: started.sessionId,
        amr: [],
        authTime: new Date(0),
        refreshToken: started.refreshToken,
        refreshExpiresAt: started.expiresAt,
        mfaRequired: false,
        impersonatorId: auth.userId,
        notAfter: started.expiresAt,
      };
      const delivery = request.authVia === 'bearer' ? 'body' : request.body.tokenDelivery;
      if (delivery === 'cookie') {
        // The admin's own refresh token is kept aside (only if it is their current, live one).
        const own = readCookie(request.cookies, names.refresh);
        if (own && (await sessionOfRefreshToken(deps, own)) === auth.sessionId) {
          setStash(reply, secure, own, started.expiresAt);
        }
      }
      const tokens = issueSession(app, reply, env, session, delivery);
      return reply.code(201).send({ impersonation: started.info, ...(tokens ? { tokens } : {}) });
    },
  );

  app.post(
    '/auth/impersonation/end',
    {
      // Public: it must work after the time limit, when the impersonation's tokens are dead.
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'End an impersonation',
        description:
          'Ends the impersonation of the caller (its access or refresh token) and the one started from ' +
          'the admin session kept aside, then restores that admin session (`restored: true`). Without ' +
          'one, the browser is signed out. Nothing to end: 200 with `userId: null`, cookies untouched.',
        response: { 200: EndImpersonationResponse, ...problems },
      },
    },
    async (request, reply) => {
      const meta = requestMeta(request);
      const stash = readStash(request.cookies, secure);
      const adminSession = stash ? await sessionOfRefreshToken(deps, stash) : null;
      const own = await ownImpersonationSession(
        deps,
        request.auth,
        readCookie(request.cookies, names.refresh),
      );
      const ended = await endImpersonations(deps, {
        sessionIds: own ? [own] : [],
        fromAdminSession: adminSession,
        meta,
      });
      const userId = ended[0] ?? null;
      // Another tab's end has just restored the admin: its response sets the cookies, not ours.
      if (stash && !adminSession && (await rotatedJustNow(deps, stash))) return { restored: true, userId };
      if (stash) clearStash(reply, secure);
      if (ended.length === 0 && !own && !adminSession) return { restored: false, userId: null };
      const outcome = adminSession
        ? await restoreAdmin(request, reply, stash as string, adminSession)
        : 'failed';
      if (outcome === 'failed') clearSessionCookies(reply, { secure });
      return { restored: outcome !== 'failed', userId };
    },
  );

  /**
   * Rotates the kept-aside refresh token and hands its session back, if it is still the admin's.
   * 'raced': a parallel end won the rotation and restores the admin itself.
   */
  async function restoreAdmin(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    sessionId: string,
  ): Promise<'restored' | 'raced' | 'failed'> {
    try {
      const rotated = await rotateRefreshToken(deps, { token, meta: requestMeta(request) });
      if (rotated.sessionId !== sessionId || rotated.user.role !== 'admin') return 'failed';
      const mfaRequired = await enrolmentPending(deps.db, env, rotated.user);
      issueSession(app, reply, env, { ...rotated, mfaRequired }, 'cookie');
      return 'restored';
    } catch (error) {
      // The admin session ended meanwhile (sign in again), or another tab rotated it first.
      if (error instanceof AppError) return (await rotatedJustNow(deps, token)) ? 'raced' : 'failed';
      throw error;
    }
  }
};
