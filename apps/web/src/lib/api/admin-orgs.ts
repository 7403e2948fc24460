import { AdminOrgDetail, AdminOrgList } from '@repo/contracts';
import type { z } from 'zod';
import { api } from './client';

/** Typed browser calls for the admin organizations console (D2). Global admins only. */

export type AdminOrgPage = z.infer<typeof AdminOrgList>;
export type AdminOrgRow = AdminOrgPage['organizations'][number];

export function adminOrgsQuery({ q, cursor, limit }: { q?: string; cursor?: string | null; limit?: number }) {
  const params = new URLSearchParams();
  if (q?.trim()) params.set('q', q.trim());
  if (cursor) params.set('cursor', cursor);
  if (limit) params.set('limit', String(limit));
  const query = params.toString();
  return query ? `?${query}` : '';
}

export const adminOrgsApi = {
  list: (page: { q?: string; cursor?: string | null; limit?: number } = {}) =>
    api.get(`/admin/organizations${adminOrgsQuery(page)}`, { schema: AdminOrgList }),
  get: (organizationId: string) =>
    api.get(`/admin/organizations/${encodeURIComponent(organizationId)}`, { schema: AdminOrgDetail }),
};
