import {
  AvatarQuery,
  type AvatarSize,
  CompleteUploadBody,
  FileResponse,
  StartAvatarUploadBody,
  StartUploadResponse,
} from '@repo/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { problemResponses } from '../../lib/http/routes';
import { requestMeta } from '../../lib/request-meta';
import { orgOf } from '../../plugins/access';
import type { AppDeps } from '../../types';
import { toFile } from './files.shared';
import { imageLocation, removeAvatar, removeLogo } from './images.service';
import { completeUpload, findOwnUpload, startUpload, type UploadScope } from './uploads.service';

export interface ImagesRoutesOptions {
  deps: AppDeps;
}

const tags = ['files'];
const problems = problemResponses(400, 401, 403, 404, 429);
const uploadProblems = problemResponses(409, 413, 415, 422);
const AvatarFileParams = z.strictObject({ fileId: z.uuid() });
const profileWrite = { access: { permission: 'profile:write' as const } };

function selfScope(request: FastifyRequest): UploadScope {
  if (!request.auth) throw new AppError('unauthorized');
  return { organizationId: null, userId: request.auth.userId, apiKeyId: null, canManage: false };
}

/** Avatars (the signed-in user's), organization logos, and serving both as images. */
export const imagesRoutes: FastifyPluginAsyncZod<ImagesRoutesOptions> = async (app, { deps }) => {
  app.post(
    '/me/avatar/uploads',
    {
      config: profileWrite,
      schema: {
        tags,
        summary: 'Start an avatar upload',
        description:
          'Always a presigned POST (PNG, JPEG, WebP or GIF, up to FILES_AVATAR_MAX_BYTES). Once complete ' +
          'and checked by the worker, it replaces the current avatar.',
        body: StartAvatarUploadBody,
        response: { 201: StartUploadResponse, ...problems, ...uploadProblems },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await startUpload(deps, selfScope(request), {
          ...request.body,
          purpose: 'avatar',
        }),
      ),
  );

  app.post(
    '/me/avatar/uploads/:fileId/complete',
    {
      config: profileWrite,
      schema: {
        tags,
        summary: 'Complete an avatar upload',
        description:
          'Checks the object as for library files; the worker then makes the sizes and swaps the avatar.',
        params: AvatarFileParams,
        body: CompleteUploadBody,
        response: { 200: FileResponse, ...problems, ...uploadProblems },
      },
    },
    async (request) =>
      completeUpload(deps, requestMeta(request), selfScope(request), request.params.fileId, request.body),
  );

  app.get(
    '/me/avatar/uploads/:fileId',
    {
      config: { access: { permission: 'profile:read' } },
      schema: {
        tags,
        summary: 'One of the caller’s avatar uploads',
        description: 'Poll it after completing: `ready` means it is the avatar now, `rejected` says why not.',
        params: AvatarFileParams,
        response: { 200: FileResponse, ...problems },
      },
    },
    async (request) => ({
      file: toFile(await findOwnUpload(deps, selfScope(request), request.params.fileId)),
    }),
  );

  app.delete(
    '/me/avatar',
    {
      config: profileWrite,
      schema: {
        tags,
        summary: 'Remove the avatar',
        response: { 204: z.null().describe('Removed (or there was none)'), ...problems },
      },
    },
    async (request, reply) => {
      await removeAvatar(deps, requestMeta(request), selfScope(request).userId as string);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/orgs/:orgId/logo',
    {
      config: { access: { permission: 'org:update' } },
      schema: {
        tags,
        summary: 'Remove the organization’s logo',
        description: 'Upload a new one with purpose `org_logo` on POST /v1/orgs/:orgId/files/uploads.',
        params: z.strictObject({ orgId: z.uuid() }),
        response: { 204: z.null().describe('Removed (or there was none)'), ...problems },
      },
    },
    async (request, reply) => {
      await removeLogo(deps, requestMeta(request), orgOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/avatars/:fileId',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'An avatar or logo image (redirect)',
        description:
          '302 to a signed URL of the WebP image at `size`. The URL is the same for a whole signing ' +
          'window, so browsers cache the image; the redirect may be cached for the rest of the window. ' +
          'Visible to the owner, anyone sharing an organization with them (logos: members of the ' +
          'organization) and admins; 404 to everyone else.',
        params: AvatarFileParams,
        querystring: AvatarQuery,
        response: { 302: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      const auth = request.auth;
      if (!auth) throw new AppError('unauthorized');
      const { url, maxAgeSeconds } = await imageLocation(
        deps,
        { userId: auth.userId, role: auth.role },
        request.params.fileId,
        Number(request.query.size) as AvatarSize,
      );
      return reply.header('cache-control', `private, max-age=${maxAgeSeconds}`).redirect(url, 302);
    },
  );
};
