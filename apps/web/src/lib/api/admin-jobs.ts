import { AdminJobList, AdminJobRetried, type AdminJobState, AdminQueueList } from '@repo/contracts';
import { api } from './client';

/** Typed browser calls for the admin jobs console (D5). Global admins only. */

const queuePath = (queue: string) => `/admin/queues/${encodeURIComponent(queue)}`;

export const adminJobsApi = {
  queues: () => api.get('/admin/queues', { schema: AdminQueueList }),
  jobs: (queue: string, state: AdminJobState, cursor?: string | null, limit = 20) => {
    const params = new URLSearchParams({ state, limit: String(limit) });
    if (cursor) params.set('cursor', cursor);
    return api.get(`${queuePath(queue)}/jobs?${params}`, { schema: AdminJobList });
  },
  retry: (queue: string, jobId: string) =>
    api.post(`${queuePath(queue)}/jobs/${encodeURIComponent(jobId)}/retry`, undefined, {
      schema: AdminJobRetried,
    }),
  remove: (queue: string, jobId: string) =>
    api.delete<void>(`${queuePath(queue)}/jobs/${encodeURIComponent(jobId)}`),
};
