import { AdminFlag, AdminFlagEvaluation, AdminFlagList } from '@repo/contracts';
import { api, request } from '@/lib/api/client';
import type { FlagDefinitionBody } from './definition-form';

/**
 * Typed browser calls for the feature-flag admin screens (docs/flags.md). Global admins only;
 * every write is audited by the API and reaches every process within a second.
 */

const path = (key: string) => `/admin/flags/${encodeURIComponent(key)}`;

export const adminFlagsApi = {
  list: () => api.get('/admin/flags', { schema: AdminFlagList }),
  get: (key: string) => api.get(path(key), { schema: AdminFlag }),
  create: (definition: FlagDefinitionBody) => api.post('/admin/flags', definition, { schema: AdminFlag }),
  replace: (key: string, definition: FlagDefinitionBody) =>
    request('PUT', path(key), { body: definition, schema: AdminFlag }),
  remove: (key: string) => api.delete<void>(path(key)),
  /** Which variant this user (and/or organization) gets from the stored definition, and why. */
  explain: (key: string, who: { userId?: string; organizationId?: string }) => {
    const params = new URLSearchParams();
    if (who.userId) params.set('userId', who.userId);
    if (who.organizationId) params.set('organizationId', who.organizationId);
    const query = params.toString();
    return api.get(`${path(key)}/evaluation${query ? `?${query}` : ''}`, { schema: AdminFlagEvaluation });
  },
};
