import { z } from 'zod';
import { listPage, listQuery } from './list';
import { singleLineText } from './text';

/**
 * Files (docs/files.md): uploads go from the browser straight to the bucket on URLs the API
 * signs; the API keeps a row per file and moves it through a small state machine. This module is
 * the shared contract of the API, the worker and the web app.
 */

export const FILE_PURPOSES = ['avatar', 'org_logo', 'org_file'] as const;
export const FilePurposeSchema = z.enum(FILE_PURPOSES);
export type FilePurpose = z.infer<typeof FilePurposeSchema>;

/** pending → uploaded → verified → ready, or rejected / deleted. Only `ready` files are listed and served. */
export const FILE_STATUSES = ['pending', 'uploaded', 'verified', 'ready', 'rejected', 'deleted'] as const;
export const FileStatusSchema = z.enum(FILE_STATUSES);
export type FileStatus = z.infer<typeof FileStatusSchema>;

/**
 * Why a file ended `rejected` (the row's `rejectReason`), stable like error codes:
 * `size_mismatch` (object size differs from the declared one), `too_large`, `quota_exceeded`,
 * `empty` (zero bytes), `type_mismatch` (bytes contradict the declared type), `type_not_allowed`,
 * `image_invalid` (undecodable or over the pixel limit), `aborted` (cancelled by the uploader),
 * `abandoned` (never completed within FILES_PENDING_TTL_HOURS), `missing` (no object at completion).
 */
export const FILE_REJECT_REASONS = [
  'size_mismatch',
  'too_large',
  'quota_exceeded',
  'empty',
  'type_mismatch',
  'type_not_allowed',
  'image_invalid',
  'aborted',
  'abandoned',
  'missing',
] as const;
export type FileRejectReason = (typeof FILE_REJECT_REASONS)[number];

/** Image types an avatar or a logo may be; their bytes are re-encoded to WebP by the worker. */
export const IMAGE_UPLOAD_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

/** Which declared types a purpose accepts; `null` = any (verification still compares with the bytes). */
export function allowedTypesFor(purpose: FilePurpose): readonly string[] | null {
  return purpose === 'org_file' ? null : IMAGE_UPLOAD_TYPES;
}

export function isTypeAllowed(purpose: FilePurpose, type: string): boolean {
  const allowed = allowedTypesFor(purpose);
  return allowed === null || allowed.includes(type);
}

/** Square avatar/logo sizes the worker renders (`<key>.<size>.webp`), and the library thumbnail. */
export const AVATAR_SIZES = [64, 128, 256] as const;
export type AvatarSize = (typeof AVATAR_SIZES)[number];
export const FILE_VARIANTS = ['thumb', '64', '128', '256'] as const;
export type FileVariant = (typeof FILE_VARIANTS)[number];

/** Object key of a derived image: `<key>.thumb.webp`, `<key>.64.webp` … (never from a client's name). */
export const fileVariantKey = (key: string, variant: FileVariant): string => `${key}.${variant}.webp`;

/** Object key of an upload: org files and logos under `o/<orgId>/`, avatars under `u/<userId>/`. */
export function fileObjectKey(file: {
  id: string;
  purpose: FilePurpose;
  organizationId: string | null;
  ownerUserId: string;
}): string {
  if (file.purpose === 'avatar') return `u/${file.ownerUserId}/${file.id}`;
  if (!file.organizationId) throw new Error('an organization file needs an organization');
  return `o/${file.organizationId}/${file.id}`;
}

/**
 * Types a browser may render inline from a signed URL. Everything else, and SVG and HTML always
 * (both can run script on the bucket's origin), is served as an attachment.
 */
export function isInlineSafeType(type: string): boolean {
  const t = type.toLowerCase().split(';')[0]?.trim() ?? '';
  if (t === 'image/svg+xml' || t.includes('html') || t.includes('xml') || t.includes('javascript'))
    return false;
  if (['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif'].includes(t)) return true;
  if (t === 'application/pdf' || t === 'text/plain') return true;
  return /^(video|audio)\/[a-z0-9][a-z0-9.+-]*$/.test(t);
}

// C0, DEL, C1 controls; bidi embeddings/overrides/isolates and the LRM/RLM marks.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what is removed
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
export const FILE_NAME_MAX_LENGTH = 255;
const FALLBACK_NAME = 'file';

/**
 * The display name kept for an upload: the last path component (either slash), without control
 * and bidi-override characters, whitespace collapsed, at most 255 characters keeping the
 * extension, "file" when nothing is left. It is metadata only: keys never derive from it.
 */
export function sanitizeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    .replace(/[\t\n\r\v\f]/g, ' ')
    .replace(UNSAFE_NAME_CHARS, '')
    .replace(/\s+/g, ' ')
    .trim();
  // "." and ".." are path components, not names.
  if (/^\.+$/.test(name)) name = '';
  if (!name) return FALLBACK_NAME;
  const chars = Array.from(name);
  if (chars.length <= FILE_NAME_MAX_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (ext.length > 0 && ext.length <= 16) {
    const stem = Array.from(name.slice(0, dot)).slice(0, FILE_NAME_MAX_LENGTH - ext.length);
    return (stem.join('').trimEnd() + ext.join('')).trim();
  }
  return chars.slice(0, FILE_NAME_MAX_LENGTH).join('').trim();
}

/** A MIME type as a browser reports it (`type/subtype`, no parameters); lowercased. */
export const ContentTypeSchema = z
  .string()
  .max(255)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/,
    'must be a MIME type like image/png',
  )
  .transform((t) => t.toLowerCase());

/** The raw name a browser reports; sanitized by the API, so only length is bounded here. */
const RawFileName = z.string().min(1).max(1024);

export const StartUploadBody = z.strictObject({
  name: RawFileName,
  /** Bytes; 0 is refused with `empty_file` by the API (a clear code, not a schema error). */
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  type: ContentTypeSchema,
  purpose: z.enum(['org_file', 'org_logo']).default('org_file'),
});
export type StartUploadBody = z.input<typeof StartUploadBody>;

export const StartAvatarUploadBody = StartUploadBody.omit({ purpose: true });
export type StartAvatarUploadBody = z.input<typeof StartAvatarUploadBody>;

const at = z.iso.datetime();

export const FileUploaderSchema = z.object({ id: z.uuid(), name: z.string() });

export const FileSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid().nullable(),
  purpose: FilePurposeSchema,
  status: FileStatusSchema,
  /** Sanitized display name. */
  name: z.string(),
  /** The detected type once verified, the declared one before. */
  contentType: z.string(),
  /** Real size once uploaded, the declared one before. */
  size: z.number().int(),
  rejectReason: z.string().nullable(),
  /** Derived images the worker made (`thumb`, `64`, `128`, `256`). */
  variants: z.array(z.enum(FILE_VARIANTS)),
  uploadedBy: FileUploaderSchema.nullable(),
  createdAt: at,
  completedAt: at.nullable(),
  readyAt: at.nullable(),
});
export type FileView = z.infer<typeof FileSchema>;

/** Small files: one presigned POST (form fields + the file as the last field). */
export const PostUploadSchema = z.object({
  file: FileSchema,
  method: z.literal('post'),
  url: z.url(),
  fields: z.record(z.string(), z.string()),
  expiresAt: at,
});
/** Large files: S3 multipart; sign parts as they are sent, then complete with their ETags. */
export const MultipartUploadSchema = z.object({
  file: FileSchema,
  method: z.literal('multipart'),
  uploadId: z.string(),
  partSize: z.number().int(),
  partCount: z.number().int(),
});
export const StartUploadResponse = z.discriminatedUnion('method', [PostUploadSchema, MultipartUploadSchema]);
export type StartUploadResponse = z.infer<typeof StartUploadResponse>;

/** S3 allows 10,000 parts; at most 100 URLs per request keeps answers small and URLs fresh. */
export const SignPartsBody = z.strictObject({
  partNumbers: z.array(z.number().int().min(1).max(10_000)).min(1).max(100),
});
export const SignPartsResponse = z.object({
  parts: z.array(z.object({ partNumber: z.number().int(), url: z.url() })),
  expiresAt: at,
});
export const UploadedPartsResponse = z.object({
  parts: z.array(z.object({ partNumber: z.number().int(), size: z.number().int(), etag: z.string() })),
});

export const CompleteUploadBody = z.strictObject({
  parts: z
    .array(
      z.strictObject({ partNumber: z.number().int().min(1).max(10_000), etag: z.string().min(1).max(200) }),
    )
    .min(1)
    .max(10_000)
    .optional(),
});
export type CompleteUploadBody = z.infer<typeof CompleteUploadBody>;

export const FileResponse = z.object({ file: FileSchema });

export const PendingUploadsQuery = z.strictObject({ status: z.literal('pending').default('pending') });
export const PendingUploadsResponse = z.object({ files: z.array(FileSchema) });

export const FileUsageSchema = z.object({ usedBytes: z.number().int(), quotaBytes: z.number().int() });
export type FileUsage = z.infer<typeof FileUsageSchema>;

export const FileListQuery = listQuery({
  sorts: ['createdAt:desc', 'createdAt:asc', 'name:asc', 'name:desc'],
  defaultSort: 'createdAt:desc',
  filters: { q: singleLineText({ min: 0, max: 100 }).optional() },
});
export type FileListQuery = z.input<typeof FileListQuery>;
export const FileListResponse = listPage('files', FileSchema).extend({ usage: FileUsageSchema });
export type FileListResponse = z.infer<typeof FileListResponse>;

export const RenameFileBody = z.strictObject({ name: RawFileName });

export const DownloadQuery = z.strictObject({
  variant: z.enum(['original', 'thumb']).default('original'),
  disposition: z.enum(['inline', 'attachment']).default('attachment'),
});
export const DownloadResponse = z.object({
  url: z.url(),
  expiresAt: at,
  /** What the URL will really do: `inline` is granted only to types on the inline allow-list. */
  disposition: z.enum(['inline', 'attachment']),
});

export const AvatarQuery = z.strictObject({
  size: z.enum(['64', '128', '256']).default('128'),
});

/** Relative API path of a user's avatar or an organization's logo; the file id busts caches on change. */
export const imageUrlOf = (fileId: string | null | undefined): string | null =>
  fileId ? `/v1/avatars/${fileId}` : null;
