import {
  CompleteUploadBody,
  DownloadQuery,
  DownloadResponse,
  FileListQuery,
  FileListResponse,
  FileResponse,
  FileUsageSchema,
  PendingUploadsQuery,
  PendingUploadsResponse,
  RenameFileBody,
  SignPartsBody,
  SignPartsResponse,
  StartUploadBody,
  StartUploadResponse,
  UploadedPartsResponse,
} from '@repo/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { problemResponses } from '../../lib/http/routes';
import { requestMeta } from '../../lib/request-meta';
import { orgOf } from '../../plugins/access';
import type { AppDeps } from '../../types';
import { callerCan } from './files.shared';
import { deleteFile, downloadUrl, getFile, listFiles, renameFile, usage } from './library.service';
import {
  abortUpload,
  completeUpload,
  pendingUploads,
  signParts,
  startUpload,
  type UploadScope,
  uploadedParts,
} from './uploads.service';

export interface FilesRoutesOptions {
  deps: AppDeps;
}

const OrgParams = z.strictObject({ orgId: z.uuid() });
const FileParams = z.strictObject({ orgId: z.uuid(), fileId: z.uuid() });
const read = { access: { permission: 'files:read' as const } };
const write = { access: { permission: 'files:write' as const } };
const tags = ['files'];
const problems = problemResponses(400, 401, 403, 404, 429);
const uploadProblems = problemResponses(409, 413, 415, 422);

function scopeOf(request: FastifyRequest): UploadScope {
  const org = orgOf(request);
  return {
    organizationId: org.id,
    userId: org.userId,
    apiKeyId: org.apiKeyId,
    canManage: callerCan(request, org, 'files:manage'),
  };
}

/** The organization file library and its uploads (docs/files.md). Bytes never pass through here. */
export const filesRoutes: FastifyPluginAsyncZod<FilesRoutesOptions> = async (app, { deps }) => {
  app.post(
    '/orgs/:orgId/files/uploads',
    {
      config: write,
      schema: {
        tags,
        summary: 'Start an upload',
        description:
          'Creates a pending file with a server-generated key. Up to FILES_MULTIPART_THRESHOLD (and ' +
          'always for logos) the answer is a presigned POST (`method: post`: send `fields`, then the ' +
          'file as the last form field `file`); larger files get an S3 multipart upload (`method: ' +
          'multipart`: sign parts with …/parts, then complete). `purpose: org_logo` needs org:update. ' +
          'Refusals: 400 empty_file, 413 file_too_large, 415 file_type_not_allowed, 413 storage_quota_exceeded.',
        params: OrgParams,
        body: StartUploadBody,
        response: { 201: StartUploadResponse, ...problems, ...uploadProblems },
      },
    },
    async (request, reply) => {
      const org = orgOf(request);
      if (request.body.purpose === 'org_logo' && !callerCan(request, org, 'org:update')) {
        throw new AppError('forbidden', 'Changing the logo needs the organization settings permission.');
      }
      return reply.code(201).send(await startUpload(deps, scopeOf(request), request.body));
    },
  );

  app.get(
    '/orgs/:orgId/files/uploads',
    {
      config: write,
      schema: {
        tags,
        summary: 'The caller’s uploads still in flight',
        description:
          'Newest first, at most 100: a reloaded page matches its files by name and size to resume.',
        params: OrgParams,
        querystring: PendingUploadsQuery,
        response: { 200: PendingUploadsResponse, ...problems },
      },
    },
    async (request) => pendingUploads(deps, scopeOf(request)),
  );

  app.post(
    '/orgs/:orgId/files/uploads/:fileId/parts',
    {
      config: write,
      schema: {
        tags,
        summary: 'Sign multipart parts',
        description: 'A presigned PUT URL per part number, short-lived: sign parts just before sending them.',
        params: FileParams,
        body: SignPartsBody,
        response: { 200: SignPartsResponse, ...problems, ...problemResponses(409) },
      },
    },
    async (request) => signParts(deps, scopeOf(request), request.params.fileId, request.body.partNumbers),
  );

  app.get(
    '/orgs/:orgId/files/uploads/:fileId/parts',
    {
      config: write,
      schema: {
        tags,
        summary: 'Parts already uploaded',
        description: 'What the bucket holds of a multipart upload (ListParts), to resume after a reload.',
        params: FileParams,
        response: { 200: UploadedPartsResponse, ...problems, ...problemResponses(409) },
      },
    },
    async (request) => uploadedParts(deps, scopeOf(request), request.params.fileId),
  );

  app.post(
    '/orgs/:orgId/files/uploads/:fileId/complete',
    {
      config: write,
      schema: {
        tags,
        summary: 'Complete an upload',
        description:
          'Multipart uploads send their parts’ ETags (or none: the parts in the bucket are used). The ' +
          'object’s real size must equal the declared one (422 upload_size_mismatch), be non-empty ' +
          '(400 empty_file) and fit the quota (413 storage_quota_exceeded); a refused object is ' +
          'deleted. The file becomes `uploaded`, then the worker verifies it (poll GET …/files/:fileId).',
        params: FileParams,
        body: CompleteUploadBody,
        response: { 200: FileResponse, ...problems, ...uploadProblems },
      },
    },
    async (request) =>
      completeUpload(deps, requestMeta(request), scopeOf(request), request.params.fileId, request.body),
  );

  // POST …/abort rather than DELETE …/uploads/:fileId, which would be ambiguous with …/files/:fileId/download.
  app.post(
    '/orgs/:orgId/files/uploads/:fileId/abort',
    {
      config: write,
      schema: {
        tags,
        summary: 'Cancel an upload',
        description:
          'Aborts the multipart upload (or deletes the posted object); the file ends `rejected` (`aborted`).',
        params: FileParams,
        response: { 204: z.null().describe('Cancelled'), ...problems, ...problemResponses(409) },
      },
    },
    async (request, reply) => {
      await abortUpload(deps, requestMeta(request), scopeOf(request), request.params.fileId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/orgs/:orgId/files',
    {
      config: read,
      schema: {
        tags,
        summary: 'The file library',
        description: 'Ready files only (lists convention); `q` matches the name. Includes the storage usage.',
        params: OrgParams,
        querystring: FileListQuery,
        response: { 200: FileListResponse, ...problems },
      },
    },
    async (request) => listFiles(deps, orgOf(request).id, request.query),
  );

  app.get(
    '/orgs/:orgId/files/usage',
    {
      config: read,
      schema: {
        tags,
        summary: 'Storage usage',
        description: 'Bytes held (ready files and uploads in flight) and the quota.',
        params: OrgParams,
        response: { 200: FileUsageSchema, ...problems },
      },
    },
    async (request) => usage(deps, orgOf(request).id),
  );

  app.get(
    '/orgs/:orgId/files/:fileId',
    {
      config: read,
      schema: {
        tags,
        summary: 'One file, in any state but deleted',
        params: FileParams,
        response: { 200: FileResponse, ...problems },
      },
    },
    async (request) => getFile(deps, orgOf(request).id, request.params.fileId),
  );

  app.patch(
    '/orgs/:orgId/files/:fileId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Rename a file',
        description: 'The name is sanitized. One’s own files, or any with files:manage (owners, admins).',
        params: FileParams,
        body: RenameFileBody,
        response: { 200: FileResponse, ...problems },
      },
    },
    async (request) => {
      const org = orgOf(request);
      return renameFile(
        deps,
        requestMeta(request),
        org,
        callerCan(request, org, 'files:manage'),
        request.params.fileId,
        request.body.name,
      );
    },
  );

  app.delete(
    '/orgs/:orgId/files/:fileId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete a file',
        description: 'At once unlisted and unserved; its objects are purged after FILES_DELETED_GRACE_DAYS.',
        params: FileParams,
        response: { 204: z.null().describe('Deleted'), ...problems },
      },
    },
    async (request, reply) => {
      const org = orgOf(request);
      await deleteFile(
        deps,
        requestMeta(request),
        org,
        callerCan(request, org, 'files:manage'),
        request.params.fileId,
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/orgs/:orgId/files/:fileId/download',
    {
      config: read,
      schema: {
        tags,
        summary: 'A signed download URL',
        description:
          'Valid for a few minutes. `disposition: inline` is granted only to raster images, PDF, plain ' +
          'text, audio and video; SVG, HTML and unknown types are always attachments (see `disposition`).',
        params: FileParams,
        querystring: DownloadQuery,
        response: { 200: DownloadResponse, ...problems, ...problemResponses(409) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return downloadUrl(deps, orgOf(request).id, request.params.fileId, request.query);
    },
  );
};
