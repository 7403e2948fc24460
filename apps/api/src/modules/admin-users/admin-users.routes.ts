import {
  AdminChangeRoleBody,
  AdminOrgDetail,
  AdminOrgList,
  AdminOrgListQuery,
  AdminOrgParams,
  AdminSignOutResult,
  AdminUserActionResult,
  AdminUserDetail,
  AdminUserList,
  AdminUserListQuery,
  AdminUserParams,
} from '@repo/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';
import { AUTH_BODY_LIMIT, problemResponses } from '../../lib/http/routes';
import { requestMeta } from '../../lib/request-meta';
import type { AppDeps } from '../../types';
import { getOrganizationDetail, listOrganizations } from './admin-orgs.service';
import {
  type AdminActor,
  changeUserRole,
  deleteUser,
  disableUser,
  enableUser,
  resendVerification,
  resetTwoFactor,
  signOutUser,
} from './admin-user-actions.service';
import { listUsers } from './admin-user-list';
import { restoreUser } from './admin-user-restore.service';
import { getUserDetail } from './admin-users.service';

export interface AdminUsersRoutesOptions {
  deps: AppDeps;
}

const problems = problemResponses(400, 401, 403, 404, 409, 413, 415, 429);
const access = { permission: 'admin:access' } as const;
const tags = ['admin'];

/** The access guard ran first; this only narrows the type (and fails closed if it was forgotten). */
function actorOf(request: FastifyRequest): AdminActor {
  if (!request.auth) throw new AppError('unauthorized');
  return { userId: request.auth.userId, meta: requestMeta(request) };
}

/** Admin users (D1) and organizations (D2), docs/admin.md. Global admins only; every action audited. */
export const adminUsersRoutes: FastifyPluginAsyncZod<AdminUsersRoutesOptions> = async (app, { deps }) => {
  app.get(
    '/admin/users',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Search and list users',
        description:
          '`q` is typo-tolerant (trigram word similarity on name and email, email substring, and swapped ' +
          'adjacent letters undone in the name). ' +
          'Without `sort`, results are by relevance (`relevance:desc`, needs `q`) when `q` is given, ' +
          'else newest first (`createdAt:desc`). Pages: pass ' +
          '`nextCursor` back as `cursor` with the same filters and sort. Deleted accounts only with ' +
          '`status=deleted`.',
        querystring: AdminUserListQuery,
        response: { 200: AdminUserList, ...problems },
      },
    },
    async (request) => listUsers(deps.db, request.query),
  );

  app.get(
    '/admin/users/:userId',
    {
      config: { access },
      schema: {
        tags,
        summary: 'One user: profile, sessions, identities, organizations, activity',
        params: AdminUserParams,
        response: { 200: AdminUserDetail, ...problems },
      },
    },
    async (request) => getUserDetail(deps, request.params.userId.toLowerCase()),
  );

  app.patch(
    '/admin/users/:userId',
    {
      config: { access },
      onRequest: [app.requireSudo],
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Change the global role (sudo)',
        description:
          'A demotion ends every session of the user at once; a promotion applies at their next ' +
          'token refresh. 409 for your own demotion and for the last active admin.',
        params: AdminUserParams,
        body: AdminChangeRoleBody,
        response: { 200: AdminUserActionResult, ...problems },
      },
    },
    async (request) => ({
      user: await changeUserRole(
        deps,
        actorOf(request),
        request.params.userId.toLowerCase(),
        request.body.role,
      ),
    }),
  );

  app.delete(
    '/admin/users/:userId',
    {
      config: { access },
      onRequest: [app.requireSudo],
      schema: {
        tags,
        summary: 'Delete a user (soft; sudo)',
        description:
          'Marks the account deleted and ends its sessions; it can be restored for ' +
          'USER_DELETION_GRACE_DAYS, then the worker purges it (docs/admin.md).',
        params: AdminUserParams,
        response: { 200: AdminUserActionResult, ...problems },
      },
    },
    async (request) => ({
      user: await deleteUser(deps, actorOf(request), request.params.userId.toLowerCase()),
    }),
  );

  app.post(
    '/admin/users/:userId/restore',
    {
      config: { access },
      onRequest: [app.requireSudo],
      schema: {
        tags,
        summary: 'Restore a deleted user within the grace period (sudo)',
        description:
          'Undoes a soft delete before the account is purged (USER_DELETION_GRACE_DAYS after the ' +
          'deletion); the user signs in again. 409 `user_not_deleted` for an account that is not ' +
          'deleted, 409 `user_restore_expired` once the grace period is over, 404 once purged.',
        params: AdminUserParams,
        response: { 200: AdminUserActionResult, ...problems },
      },
    },
    async (request) => ({
      user: await restoreUser(deps, actorOf(request), request.params.userId.toLowerCase()),
    }),
  );

  // Disabling and removing a second factor can hand an account over (or lock its owner out):
  // like the user's own 2FA changes, they need a recent password (sudo), so a stolen admin
  // session alone cannot strip another admin's second factor.
  const actions = [
    ['disable', 'Disable a user and end their sessions (sudo)', disableUser, true],
    ['enable', 'Re-enable a disabled user', enableUser, false],
    ['reset-two-factor', 'Remove the second factor, e.g. a lost device (sudo)', resetTwoFactor, true],
    ['resend-verification', 'Mail a fresh verification link', resendVerification, false],
  ] as const;
  for (const [path, summary, run, sudo] of actions) {
    app.post(
      `/admin/users/:userId/${path}`,
      {
        config: { access },
        onRequest: sudo ? [app.requireSudo] : [],
        schema: {
          tags,
          summary,
          params: AdminUserParams,
          response: { 200: AdminUserActionResult, ...problems },
        },
      },
      async (request) => ({ user: await run(deps, actorOf(request), request.params.userId.toLowerCase()) }),
    );
  }

  app.post(
    '/admin/users/:userId/sign-out',
    {
      config: { access },
      schema: {
        tags,
        summary: 'End every session of a user',
        params: AdminUserParams,
        response: { 200: AdminSignOutResult, ...problems },
      },
    },
    async (request) => signOutUser(deps, actorOf(request), request.params.userId.toLowerCase()),
  );

  app.get(
    '/admin/organizations',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Search and list organizations',
        description:
          'Newest first by default; `q` matches name or slug (case-insensitive substring). Pages: ' +
          'pass `nextCursor` back as `cursor` with the same sort.',
        querystring: AdminOrgListQuery,
        response: { 200: AdminOrgList, ...problems },
      },
    },
    async (request) => listOrganizations(deps, request.query),
  );

  app.get(
    '/admin/organizations/:organizationId',
    {
      config: { access },
      schema: {
        tags,
        summary: 'One organization: members, pending invitations, API keys',
        params: AdminOrgParams,
        response: { 200: AdminOrgDetail, ...problems },
      },
    },
    async (request) => getOrganizationDetail(deps, request.params.organizationId),
  );
};
