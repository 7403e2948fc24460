import {
  ChangeRoleBody,
  CreateOrgBody,
  DeleteOrgBody,
  Member,
  MemberList,
  MemberListQuery,
  MyOrganizations,
  MyOrganizationsQuery,
  Organization,
  OrgIdParams,
  OrgMemberParams,
  SetActiveOrgBody,
  TransferOwnershipBody,
  UpdateOrgBody,
} from '@repo/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { AUTH_BODY_LIMIT, problemResponses } from '../../lib/http/routes';
import { requestMeta } from '../../lib/request-meta';
import { orgOf } from '../../plugins/access';
import type { AppDeps } from '../../types';
import { changeMemberRole, leaveOrganization, listMembers, removeMember } from './members.service';
import {
  createOrganization,
  getOrganization,
  listMyOrganizations,
  setActiveOrganization,
  updateOrganization,
} from './orgs.service';
import { deleteOrganization, transferOwnership } from './ownership.service';

export interface OrgsRoutesOptions {
  deps: AppDeps;
}

const problems = problemResponses(400, 401, 403, 404, 409, 413, 415, 429);

/** The guards ran first; these only narrow the type (and fail closed if a guard was forgotten). */
function userIdOf(request: FastifyRequest): string {
  if (!request.auth) throw new AppError('unauthorized');
  return request.auth.userId;
}

/**
 * Organizations and their members (A8, docs/organizations.md). Invitations and API keys have their
 * own modules.
 */
export const orgsRoutes: FastifyPluginAsyncZod<OrgsRoutesOptions> = async (app, { deps }) => {
  const tags = ['organizations'];

  app.get(
    '/orgs',
    {
      config: { access: { permission: 'profile:read' } },
      schema: {
        tags,
        summary: 'Your organizations',
        description:
          'Personal organization first, then by name; paged like every list (`cursor`, `limit`, ' +
          '`sort`). `activeOrganizationId` falls back to the personal organization when the ' +
          'remembered one is no longer yours.',
        querystring: MyOrganizationsQuery,
        response: { 200: MyOrganizations, ...problems },
      },
    },
    async (request) => listMyOrganizations(deps, userIdOf(request), request.query),
  );

  app.post(
    '/orgs',
    {
      config: { access: { permission: 'org:create' } },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Create an organization',
        description:
          'You become its owner and it becomes your active organization. Without `slug`, one is ' +
          'derived from the name (with a random suffix when taken); a taken explicit slug is 409 slug_taken.',
        body: CreateOrgBody,
        response: { 201: Organization, ...problems },
      },
    },
    async (request, reply) => {
      const created = await createOrganization(deps, requestMeta(request), userIdOf(request), request.body);
      return reply.code(201).send(created);
    },
  );

  app.put(
    '/me/active-organization',
    {
      config: { access: { permission: 'profile:write' } },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Switch the active organization',
        description: 'Remembered per user. An organization you are not a member of is 404.',
        body: SetActiveOrgBody,
        response: { 200: MyOrganizations, ...problems },
      },
    },
    async (request) => setActiveOrganization(deps, userIdOf(request), request.body.organizationId),
  );

  app.get(
    '/orgs/:orgId',
    {
      config: { access: { permission: 'org:read' } },
      schema: {
        tags,
        summary: 'One organization',
        params: OrgIdParams,
        response: { 200: Organization, ...problems },
      },
    },
    async (request) => getOrganization(deps, orgOf(request)),
  );

  app.patch(
    '/orgs/:orgId',
    {
      config: { access: { permission: 'org:update' } },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Rename or re-slug an organization',
        params: OrgIdParams,
        body: UpdateOrgBody,
        response: { 200: Organization, ...problems },
      },
    },
    async (request) => updateOrganization(deps, requestMeta(request), orgOf(request), request.body),
  );

  app.delete(
    '/orgs/:orgId',
    {
      config: { access: { permission: 'org:delete' } },
      onRequest: [app.requireSudo],
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Delete an organization (owner, sudo)',
        description:
          '`confirm` must be the current slug (400 confirmation_mismatch). Memberships, invitations ' +
          'and API keys go with it. A personal organization is 409 org_personal.',
        params: OrgIdParams,
        body: DeleteOrgBody,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await deleteOrganization(deps, requestMeta(request), orgOf(request), request.body.confirm);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/orgs/:orgId/transfer-ownership',
    {
      config: { access: { permission: 'org:transfer' } },
      onRequest: [app.requireSudo],
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Transfer ownership to another member (owner, sudo)',
        description:
          'The member becomes an owner and you become an admin. Not a member: 404; yourself: 400; ' +
          'a personal organization: 409 org_personal.',
        params: OrgIdParams,
        body: TransferOwnershipBody,
        response: { 200: Organization, ...problems },
      },
    },
    async (request) => transferOwnership(deps, requestMeta(request), orgOf(request), request.body.userId),
  );

  app.post(
    '/orgs/:orgId/leave',
    {
      config: { access: { permission: 'org:leave' } },
      schema: {
        tags,
        summary: 'Leave an organization',
        description: 'The last owner cannot leave (409 last_owner): transfer ownership or delete it first.',
        params: OrgIdParams,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await leaveOrganization(deps, requestMeta(request), orgOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/orgs/:orgId/members',
    {
      config: { access: { permission: 'members:read' } },
      schema: {
        tags,
        summary: 'Members of an organization',
        description:
          'Oldest membership first by default. Pages: pass `nextCursor` as `cursor`; `q` ' +
          'filters by name or email, case-insensitively.',
        params: OrgIdParams,
        querystring: MemberListQuery,
        response: { 200: MemberList, ...problems },
      },
    },
    async (request) => listMembers(deps, orgOf(request), request.query),
  );

  app.patch(
    '/orgs/:orgId/members/:userId',
    {
      config: { access: { permission: 'members:manage' } },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Change a member’s role',
        description:
          'Never above your own role, nor for a member above you (403 role_not_allowed); the last ' +
          'owner cannot be demoted (409 last_owner). The member is told by email.',
        params: OrgMemberParams,
        body: ChangeRoleBody,
        response: { 200: Member, ...problems },
      },
    },
    async (request) =>
      changeMemberRole(deps, requestMeta(request), orgOf(request), request.params.userId, request.body.role),
  );

  app.delete(
    '/orgs/:orgId/members/:userId',
    {
      config: { access: { permission: 'members:manage' } },
      schema: {
        tags,
        summary: 'Remove a member',
        description:
          'Not a member above you (403 role_not_allowed), never the last owner (409 last_owner). ' +
          'To remove yourself, use /leave (400 here).',
        params: OrgMemberParams,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await removeMember(deps, requestMeta(request), orgOf(request), request.params.userId);
      return reply.code(204).send(null);
    },
  );
};
