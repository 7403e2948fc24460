import { EndImpersonationResponse, StartImpersonationResponse } from '@repo/contracts';
import { api } from './client';

/**
 * Admin impersonation (D1, ADR 0019). Starting needs sudo (wrap it in useReauth()); the API then
 * swaps the browser's session cookies for the user's, and ending swaps the admin's back.
 */
export const impersonationApi = {
  start: (userId: string, reason: string) =>
    api.post(
      `/admin/users/${encodeURIComponent(userId)}/impersonation`,
      { reason },
      {
        schema: StartImpersonationResponse,
      },
    ),
  end: () => api.post('/auth/impersonation/end', undefined, { schema: EndImpersonationResponse }),
};
