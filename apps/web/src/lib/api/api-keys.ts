import {
  ApiKey,
  ApiKeyList,
  ApiKeyUsage,
  type CreateApiKeyBody,
  CreatedApiKey,
  RotatedApiKey,
} from '@repo/contracts';
import type { z } from 'zod';
import { api } from './client';

/**
 * Browser calls for an organization's API keys (A9), every answer parsed with the contract
 * schema. Creating and rotating need sudo mode: wrap them in `useReauth()` so a 403
 * reauth_required asks for the password and retries.
 */

export type ApiKeyListResponse = z.infer<typeof ApiKeyList>;
export type ApiKeyUsageResponse = z.infer<typeof ApiKeyUsage>;
export type CreatedApiKeyResponse = z.infer<typeof CreatedApiKey>;
export type RotatedApiKeyResponse = z.infer<typeof RotatedApiKey>;

const keysPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/api-keys`;
const keyPath = (orgId: string, keyId: string) => `${keysPath(orgId)}/${encodeURIComponent(keyId)}`;

/** Newest first, a page at a time: pass the previous answer's `nextCursor` for the next one. */
export function listApiKeys(
  orgId: string,
  options: { cursor?: string | null; signal?: AbortSignal } = {},
): Promise<ApiKeyListResponse> {
  const query = options.cursor ? `?cursor=${encodeURIComponent(options.cursor)}` : '';
  return api.get(`${keysPath(orgId)}${query}`, { schema: ApiKeyList, signal: options.signal });
}

export function createApiKey(
  orgId: string,
  body: z.input<typeof CreateApiKeyBody>,
): Promise<CreatedApiKeyResponse> {
  return api.post(keysPath(orgId), body, { schema: CreatedApiKey });
}

/** The new key is valid at once; the old one keeps working for the configured overlap. */
export function rotateApiKey(orgId: string, keyId: string): Promise<RotatedApiKeyResponse> {
  return api.post(`${keyPath(orgId, keyId)}/rotate`, {}, { schema: RotatedApiKey });
}

/** Answers the revoked key (status `revoked`). */
export function revokeApiKey(orgId: string, keyId: string): Promise<ApiKey> {
  return api.delete(keyPath(orgId, keyId), { schema: ApiKey });
}

/** Requests per UTC day, oldest first, for the last `days` days (30 by default). */
export function getApiKeyUsage(
  orgId: string,
  keyId: string,
  days = 30,
  signal?: AbortSignal,
): Promise<ApiKeyUsageResponse> {
  return api.get(`${keyPath(orgId, keyId)}/usage?days=${days}`, { schema: ApiKeyUsage, signal });
}
