import {
  Accepted,
  ChangeEmailBody,
  ChangePasswordBody,
  CurrentUser,
  Me,
  UpdateProfileBody,
} from '@repo/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';
import { toMe } from '../../lib/http/me';
import { AUTH_BODY_LIMIT, problemResponses, StatusResponse } from '../../lib/http/routes';
import { requestMeta } from '../../lib/request-meta';
import type { AppDeps } from '../../types';
import { impersonationOf } from '../impersonation';
import {
  type Caller,
  changePassword,
  loadCaller,
  requestEmailChange,
  updateProfile,
} from './profile.service';

export interface ProfileRoutesOptions {
  deps: AppDeps;
}

const problems = problemResponses(400, 401, 403, 413, 415, 429);

/** The guards ran first; this only narrows the type (and fails closed if a guard was forgotten). */
function caller(request: FastifyRequest): Caller {
  if (!request.auth) throw new AppError('unauthorized');
  return { userId: request.auth.userId, sessionId: request.auth.sessionId };
}

/** The signed-in user's own account: profile, password, email (F6, A1, A6: docs/identity.md). */
export const profileRoutes: FastifyPluginAsyncZod<ProfileRoutesOptions> = async (app, { deps }) => {
  app.get(
    '/me',
    {
      config: { access: { permission: 'profile:read' } },
      schema: {
        tags: ['account'],
        summary: 'The signed-in user',
        description: '`impersonation` is set while an admin acts as this user (ADR 0019).',
        response: { 200: CurrentUser, ...problemResponses(401) },
      },
    },
    async (request) => {
      const me = toMe(await loadCaller(deps, caller(request)));
      const auth = request.auth;
      const impersonation = auth?.impersonatorId ? await impersonationOf(deps, auth.sessionId) : null;
      return { ...me, impersonation };
    },
  );

  app.patch(
    '/me',
    {
      config: { access: { permission: 'profile:write' } },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['account'],
        summary: 'Update name, locale or time zone',
        body: UpdateProfileBody,
        response: { 200: Me, ...problems },
      },
    },
    async (request) => toMe(await updateProfile(deps, requestMeta(request), caller(request), request.body)),
  );

  app.post(
    '/me/password',
    {
      config: { access: { permission: 'profile:write' }, impersonation: 'deny' },
      onRequest: [app.requireSudo],
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['account'],
        summary: 'Change the password (sudo)',
        description:
          'Needs a recent authentication (403 reauth_required otherwise) and the current password. ' +
          'Signs out every other session and mails a notice.',
        body: ChangePasswordBody,
        response: { 200: StatusResponse('password_changed'), ...problems },
      },
    },
    async (request) => {
      await changePassword(deps, requestMeta(request), caller(request), request.body);
      return { status: 'password_changed' as const };
    },
  );

  app.post(
    '/me/email',
    {
      config: { access: { permission: 'profile:write' }, impersonation: 'deny' },
      onRequest: [app.requireSudo],
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['account'],
        summary: 'Change the email address (sudo)',
        description:
          'Mails a confirmation link to the new address; the change happens when it is followed, ' +
          'and the old address is then notified.',
        body: ChangeEmailBody,
        response: { 202: Accepted, ...problems },
      },
    },
    async (request, reply) => {
      await requestEmailChange(deps, requestMeta(request), caller(request), request.body);
      return reply.code(202).send({ status: 'accepted' as const });
    },
  );
};
