import {
  DownloadResponse,
  FileListQuery,
  FileListResponse,
  FileResponse,
  FileUsageSchema,
  PendingUploadsResponse,
  SignPartsResponse,
  type StartAvatarUploadBody,
  type StartUploadBody,
  StartUploadResponse,
  UploadedPartsResponse,
} from '@repo/contracts';
import { api, request } from './client';

/**
 * Typed browser calls for files (docs/files.md): the organization's library, the upload protocol
 * (presign, part signatures, ListParts, complete, abort) and the avatar and logo. Every answer is
 * parsed with the contract schema. The bytes themselves never go through here: they go from the
 * browser straight to the object store (lib/uploads).
 */

const files = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/files`;
const one = (orgId: string, fileId: string) => `${files(orgId)}/${encodeURIComponent(fileId)}`;
const upload = (orgId: string, fileId: string) => `${files(orgId)}/uploads/${encodeURIComponent(fileId)}`;

export type FileSort = NonNullable<FileListQuery['sort']>;
export type FileListParams = {
  q?: string;
  sort?: FileSort;
  cursor?: string | null | undefined;
  limit?: number;
};

/** The orders the API's file list accepts, from its contract. */
export const FILE_SORTS: readonly FileSort[] = FileListQuery.shape.sort.unwrap().options;

function listQuery({ q, sort, cursor, limit }: FileListParams = {}): string {
  const params = new URLSearchParams();
  if (q?.trim()) params.set('q', q.trim());
  if (sort) params.set('sort', sort);
  if (cursor) params.set('cursor', cursor);
  if (limit) params.set('limit', String(limit));
  const query = params.toString();
  return query ? `?${query}` : '';
}

export const filesApi = {
  list: (orgId: string, params?: FileListParams) =>
    api.get(`${files(orgId)}${listQuery(params)}`, { schema: FileListResponse }),
  get: (orgId: string, fileId: string, signal?: AbortSignal) =>
    api.get(one(orgId, fileId), { schema: FileResponse, signal }),
  usage: (orgId: string) => api.get(`${files(orgId)}/usage`, { schema: FileUsageSchema }),
  rename: (orgId: string, fileId: string, name: string) =>
    api.patch(one(orgId, fileId), { name }, { schema: FileResponse }),
  remove: (orgId: string, fileId: string) => api.delete<void>(one(orgId, fileId)),
  /** A short-lived signed URL; `inline` is granted only to types the API allows inline. */
  download: (
    orgId: string,
    fileId: string,
    options: { variant?: 'original' | 'thumb'; disposition?: 'inline' | 'attachment' } = {},
  ) => {
    const params = new URLSearchParams();
    if (options.variant) params.set('variant', options.variant);
    if (options.disposition) params.set('disposition', options.disposition);
    return api.get(`${one(orgId, fileId)}/download?${params}`, { schema: DownloadResponse });
  },

  // The upload protocol.
  startUpload: (orgId: string, body: StartUploadBody, signal?: AbortSignal) =>
    request('POST', `${files(orgId)}/uploads`, { body, schema: StartUploadResponse, signal }),
  signParts: (orgId: string, fileId: string, partNumbers: number[], signal?: AbortSignal) =>
    request('POST', `${upload(orgId, fileId)}/parts`, {
      body: { partNumbers },
      schema: SignPartsResponse,
      signal,
    }),
  listParts: (orgId: string, fileId: string, signal?: AbortSignal) =>
    api.get(`${upload(orgId, fileId)}/parts`, { schema: UploadedPartsResponse, signal }),
  complete: (
    orgId: string,
    fileId: string,
    parts: { partNumber: number; etag: string }[] | undefined,
    signal?: AbortSignal,
  ) =>
    request('POST', `${upload(orgId, fileId)}/complete`, {
      body: parts ? { parts } : {},
      schema: FileResponse,
      signal,
    }),
  abort: (orgId: string, fileId: string) => api.delete<void>(upload(orgId, fileId)),
  /** The caller's own uploads still in flight (to resume one after a reload). */
  pending: (orgId: string, signal?: AbortSignal) =>
    api.get(`${files(orgId)}/uploads?status=pending`, { schema: PendingUploadsResponse, signal }),
};

export const avatarApi = {
  start: (body: StartAvatarUploadBody, signal?: AbortSignal) =>
    request('POST', '/me/avatar/uploads', { body, schema: StartUploadResponse, signal }),
  complete: (fileId: string, signal?: AbortSignal) =>
    request('POST', `/me/avatar/uploads/${encodeURIComponent(fileId)}/complete`, {
      body: {},
      schema: FileResponse,
      signal,
    }),
  /** Poll after completing: `ready` means it is the avatar now, `rejected` says why not. */
  status: (fileId: string, signal?: AbortSignal) =>
    api.get(`/me/avatar/uploads/${encodeURIComponent(fileId)}`, { schema: FileResponse, signal }),
  remove: () => api.delete<void>('/me/avatar'),
};

export const logoApi = {
  remove: (orgId: string) => api.delete<void>(`/orgs/${encodeURIComponent(orgId)}/logo`),
};

/**
 * The browser address of an avatar or logo the API names with a relative path (`/v1/avatars/…`):
 * through the web's same-origin gateway, so the signed-in cookies go with it.
 */
export function gatewayUrl(apiPath: string | null | undefined, size?: 64 | 128 | 256): string | null {
  if (!apiPath?.startsWith('/v')) return null;
  return `/api${apiPath}${size ? `${apiPath.includes('?') ? '&' : '?'}size=${size}` : ''}`;
}
