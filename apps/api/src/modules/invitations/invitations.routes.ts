import {
  CreateInvitationBody,
  Invitation,
  InvitationAccepted,
  InvitationList,
  InvitationListQuery,
  InvitationPreview,
  InvitationSignUpBody,
  InvitationTokenBody,
  OrgIdParams,
  OrgInvitationParams,
} from '@repo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { cookieNames, readCookie } from '../../lib/cookies';
import { AUTH_BODY_LIMIT, problemResponses } from '../../lib/http/routes';
import { requestMeta } from '../../lib/request-meta';
import { orgOf } from '../../plugins/access';
import type { AppDeps } from '../../types';
import { issueSession } from '../two-factor';
import {
  acceptInvitation,
  declineInvitation,
  previewInvitation,
  signUpWithInvitation,
} from './accept.service';
import { createInvitation, listInvitations, resendInvitation, revokeInvitation } from './invitations.service';

export interface InvitationsRoutesOptions {
  deps: AppDeps;
}

/**
 * Per IP, on the public link endpoints: a token has 256 bits, so this is not about guessing but
 * about keeping an unauthenticated endpoint that hashes passwords (sign-up) cheap to abuse.
 */
export const INVITATION_LINK_RATE_LIMIT = { max: 20, timeWindow: 60_000 };

const problems = problemResponses(400, 401, 403, 404, 409, 413, 415, 429);

/**
 * Organization invitations (A8, docs/organizations.md): admins invite by email with a role, resend or
 * revoke; whoever holds the emailed link previews it, accepts (signed in as the invited address),
 * declines, or creates the account it was meant for.
 */
export const invitationsRoutes: FastifyPluginAsyncZod<InvitationsRoutesOptions> = async (app, { deps }) => {
  const { env } = deps;
  const deviceCookieName = cookieNames(env.COOKIE_SECURE).device;

  app.get(
    '/orgs/:orgId/invitations',
    {
      config: { access: { permission: 'members:invite' } },
      schema: {
        tags: ['organizations'],
        summary: 'Pending invitations',
        description:
          'Not yet accepted, declined or revoked, newest first; expired ones show `status: expired`.',
        params: OrgIdParams,
        querystring: InvitationListQuery,
        response: { 200: InvitationList, ...problems },
      },
    },
    async (request) => listInvitations(deps, orgOf(request), request.query),
  );

  app.post(
    '/orgs/:orgId/invitations',
    {
      config: { access: { permission: 'members:invite' } },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['organizations'],
        summary: 'Invite someone by email',
        description:
          'Mails a single-use link valid INVITATION_TTL_SECONDS. The role may not be above your own ' +
          '(403 role_not_allowed). A member’s address answers 409 already_member; an address with a ' +
          'pending invitation 409 invitation_exists (resend it instead).',
        params: OrgIdParams,
        body: CreateInvitationBody,
        response: { 201: Invitation, ...problems },
      },
    },
    async (request, reply) => {
      const invitation = await createInvitation(deps, requestMeta(request), orgOf(request), request.body);
      return reply.code(201).send(invitation);
    },
  );

  app.post(
    '/orgs/:orgId/invitations/:invitationId/resend',
    {
      config: { access: { permission: 'members:invite' } },
      schema: {
        tags: ['organizations'],
        summary: 'Send an invitation again',
        description:
          'A new link with a new expiry; the previous link stops working. At most once a minute ' +
          '(429 rate_limited with Retry-After).',
        params: OrgInvitationParams,
        response: { 200: Invitation, ...problems },
      },
    },
    async (request) =>
      resendInvitation(deps, requestMeta(request), orgOf(request), request.params.invitationId),
  );

  app.delete(
    '/orgs/:orgId/invitations/:invitationId',
    {
      config: { access: { permission: 'members:invite' } },
      schema: {
        tags: ['organizations'],
        summary: 'Revoke a pending invitation',
        description:
          'Its link stops working. Like inviting, only for a role not above your own (403 role_not_allowed).',
        params: OrgInvitationParams,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await revokeInvitation(deps, requestMeta(request), orgOf(request), request.params.invitationId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/invitations/preview',
    {
      config: { access: 'public', rateLimit: INVITATION_LINK_RATE_LIMIT },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['organizations'],
        summary: 'What an invitation link is for',
        description:
          'For the landing page. An unknown, used, expired, declined or revoked link answers 400 link_invalid.',
        body: InvitationTokenBody,
        response: { 200: InvitationPreview, ...problems },
      },
    },
    async (request) => previewInvitation(deps, request.body.token),
  );

  app.post(
    '/invitations/accept',
    {
      config: { access: 'authenticated' },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['organizations'],
        summary: 'Accept an invitation',
        description:
          'Signed in as the invited address (else 403 invitation_email_mismatch). Joins with the ' +
          'invited role (an existing membership is kept) and makes the organization the active one.',
        body: InvitationTokenBody,
        response: { 200: InvitationAccepted, ...problems },
      },
    },
    async (request) => {
      if (!request.auth) throw new AppError('unauthorized');
      const organization = await acceptInvitation(
        deps,
        requestMeta(request),
        request.auth.userId,
        request.body.token,
      );
      return { organization };
    },
  );

  app.post(
    '/invitations/decline',
    {
      config: { access: 'public', rateLimit: INVITATION_LINK_RATE_LIMIT },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['organizations'],
        summary: 'Decline an invitation',
        description: 'Whoever holds the link may turn it down; it stops working.',
        body: InvitationTokenBody,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await declineInvitation(deps, requestMeta(request), request.auth?.userId ?? null, request.body.token);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/invitations/sign-up',
    {
      config: { access: 'public', rateLimit: INVITATION_LINK_RATE_LIMIT },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['organizations'],
        summary: 'Create an account from an invitation',
        description:
          'For an invited address without an account (else 409 account_exists): the account is ' +
          'verified by the link, joins the organization, and is signed in (session cookies).',
        body: InvitationSignUpBody,
        response: { 201: InvitationAccepted, ...problems },
      },
    },
    async (request, reply) => {
      const { organization, session } = await signUpWithInvitation(deps, requestMeta(request), request.body, {
        deviceCookie: readCookie(request.cookies, deviceCookieName),
      });
      issueSession(app, reply, env, session, 'cookie');
      return reply.code(201).send({ organization });
    },
  );
};
