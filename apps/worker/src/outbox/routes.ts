import {
  type EmailJob,
  type OutboxEventPayload,
  OutboxEventPayloads,
  type OutboxEventType,
  QueueName,
} from '@repo/contracts';
import { parseEmailJob } from '@repo/queue';
import type { JobsOptions } from 'bullmq';

/** One job an outbox event turns into. */
export interface JobSpec {
  queue: QueueName;
  name: string;
  data: unknown;
  /**
   * Distinguishes several jobs of one event: jobId = `${event.id}-${key}`. Omit for the single
   * job of an event (jobId = event id). Must be stable across relays, never random.
   */
  key?: string;
  opts?: Omit<JobsOptions, 'jobId'>;
}

export interface EventContext {
  id: string;
  createdAt: Date;
}

const email = (job: EmailJob, key?: string): JobSpec => ({
  queue: QueueName.email,
  name: job.template,
  data: parseEmailJob(job),
  ...(key ? { key } : {}),
});

/**
 * What each event type causes. Declarative on purpose: adding a side effect to an event is one
 * line here, and the mapped type makes a new event type without a route a compile error.
 */
export const eventRoutes: {
  [T in OutboxEventType]: (payload: OutboxEventPayload<T>, event: EventContext) => JobSpec[];
} = {
  'waitlist.joined': (p) => [
    email({ template: 'waitlist-welcome', to: p.email, locale: p.locale, props: { email: p.email } }),
  ],
};

export class UnroutableEventError extends Error {
  override readonly name = 'UnroutableEventError';
}

/** Validates the stored payload against its contract and returns the jobs to enqueue. */
export function jobsForEvent(type: string, payload: unknown, event: EventContext): JobSpec[] {
  if (!Object.hasOwn(OutboxEventPayloads, type))
    throw new UnroutableEventError(`unknown event type: ${type}`);
  const t = type as OutboxEventType;
  const parsed = OutboxEventPayloads[t].safeParse(payload);
  if (!parsed.success) throw new UnroutableEventError(`invalid ${t} payload: ${parsed.error.message}`);
  return eventRoutes[t](parsed.data, event);
}

/** jobId for a spec: the event id, suffixed when an event fans out into several jobs. */
export const jobIdFor = (eventId: string, spec: JobSpec) => (spec.key ? `${eventId}-${spec.key}` : eventId);
