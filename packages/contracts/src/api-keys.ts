import { z } from 'zod';
import { listPage, listQuery } from './list';
import { ApiKeyScopes } from './permissions';
import { singleLineText } from './text';

/**
 * Organization API keys (A9, docs/organizations.md). The full key is `gwk_<prefix>_<secret>`: the prefix is
 * public (shown in lists, used to find the row), the secret is shown once and stored hashed.
 * Use it as `Authorization: Bearer <key>`; a key in the query string is refused.
 */
export const API_KEY_PREFIX = 'gwk_';
/** gwk_ + 12 base62 characters of prefix, _ + 43 base64url characters of secret. */
export const API_KEY_PATTERN = /^gwk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export const ApiKeyScopeSchema = z.enum(ApiKeyScopes);
export const ApiKeyStatus = z.enum(['active', 'expiring', 'expired', 'revoked']);

export const ApiKey = z.object({
  id: z.string(),
  name: z.string(),
  /** `gwk_<prefix>`, enough to recognise the key, useless without the secret. */
  prefix: z.string(),
  scopes: z.array(ApiKeyScopeSchema),
  /** `expiring`: replaced by a rotation, still valid until expiresAt. */
  status: ApiKeyStatus,
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  lastUsedIp: z.string().nullable(),
  replacedById: z.string().nullable(),
});
export type ApiKey = z.infer<typeof ApiKey>;
/** The organization's keys, newest first by default; `q` matches the name, case-insensitively. */
export const ApiKeyListQuery = listQuery({
  sorts: ['createdAt:desc', 'createdAt:asc', 'name:asc'],
  defaultSort: 'createdAt:desc',
  filters: { q: singleLineText({ min: 0, max: 100 }).optional() },
});
export type ApiKeyListQuery = z.infer<typeof ApiKeyListQuery>;
export const ApiKeyList = listPage('apiKeys', ApiKey);

export const ApiKeyParams = z.strictObject({ orgId: z.uuid(), keyId: z.uuid() });
export const CreateApiKeyBody = z.strictObject({
  name: singleLineText({ max: 80 }),
  scopes: z
    .array(ApiKeyScopeSchema)
    .min(1)
    .max(ApiKeyScopes.length)
    .refine((s) => new Set(s).size === s.length, 'duplicate scope'),
  /** Optional expiry, in the future and at most a year away; omit for a key that does not expire. */
  expiresAt: z.iso.datetime().optional(),
});
/** The one response that carries the secret: show it, then it is gone. */
export const CreatedApiKey = z.object({ apiKey: ApiKey, key: z.string() });
export const RotatedApiKey = z.object({ apiKey: ApiKey, key: z.string(), previous: ApiKey });

export const ApiKeyUsageQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(90).default(30) });
/** Requests per UTC day, oldest first, days without requests included as 0. */
export const ApiKeyUsage = z.object({
  days: z.array(z.object({ day: z.iso.date(), count: z.number().int() })),
  total: z.number().int(),
});
