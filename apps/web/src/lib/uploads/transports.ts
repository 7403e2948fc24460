import type { FileView, StartUploadResponse } from '@repo/contracts';
import { avatarApi, filesApi } from '../api/files';
import { matchPending, partSizeOf } from './plan';
import type { FileInfo, Resumable, StartedUpload, UploadTransport } from './upload-task';

/**
 * The upload engine's view of the API (lib/uploads/upload-task.ts): one transport for the
 * organization's files (and its logo), one for the user's avatar.
 */

function started(answer: StartUploadResponse): StartedUpload {
  return answer.method === 'post'
    ? { fileId: answer.file.id, method: 'post', url: answer.url, fields: answer.fields }
    : { fileId: answer.file.id, method: 'multipart', partSize: answer.partSize, partCount: answer.partCount };
}

/**
 * Uploads into an organization. `taken` holds the file ids other uploads on the page already use,
 * so two copies of one file picked together never resume the same upload.
 */
export function orgFileTransport(
  orgId: string,
  purpose: 'org_file' | 'org_logo',
  taken: () => ReadonlySet<string>,
): UploadTransport<FileView> {
  return {
    start: async (file, signal) => started(await filesApi.startUpload(orgId, { ...file, purpose }, signal)),
    findResumable:
      purpose === 'org_file' ? (file, signal) => findResumable(orgId, file, taken(), signal) : undefined,
    signParts: async (fileId, partNumbers, signal) =>
      (await filesApi.signParts(orgId, fileId, partNumbers, signal)).parts,
    complete: async (fileId, parts, signal) => (await filesApi.complete(orgId, fileId, parts, signal)).file,
    abort: (fileId) => filesApi.abort(orgId, fileId),
  };
}

/**
 * The upload the server holds for this same file (name, size, type), with what the store already
 * has. One that cannot be resumed (nothing stored yet, or a one-request POST upload) is aborted, so
 * it does not count against the quota until housekeeping would remove it, and the file starts over.
 */
async function findResumable(
  orgId: string,
  file: FileInfo,
  taken: ReadonlySet<string>,
  signal: AbortSignal,
): Promise<Resumable | null> {
  const { files } = await filesApi.pending(orgId, signal);
  const match = matchPending(
    files.map((f) => ({
      fileId: f.id,
      name: f.name,
      size: f.size,
      type: f.contentType,
      createdAt: f.createdAt,
    })),
    file,
    taken,
  );
  if (!match) return null;
  const stored = await filesApi
    .listParts(orgId, match.fileId, signal)
    .then((answer) => answer.parts)
    .catch((error: unknown) => {
      if (signal.aborted) throw error;
      return [];
    });
  const partSize = partSizeOf(stored, file.size);
  if (partSize === null) {
    await filesApi.abort(orgId, match.fileId).catch(() => undefined);
    return null;
  }
  return { fileId: match.fileId, partSize, stored };
}

/** The signed-in user's avatar: always one presigned POST (avatars are small). */
export function avatarTransport(): UploadTransport<FileView> {
  return {
    start: async (file, signal) => started(await avatarApi.start(file, signal)),
    signParts: () => Promise.reject(new Error('avatars are not multipart')),
    complete: async (fileId, _parts, signal) => (await avatarApi.complete(fileId, signal)).file,
    // Nothing to abort on the API's side: an abandoned avatar upload is removed by housekeeping.
    abort: async () => undefined,
  };
}
