import { EmailJob, EmailTemplateProps } from '@repo/contracts';
import type { Job, JobsOptions, Queue } from 'bullmq';

export interface EnqueueOptions extends Omit<JobsOptions, 'jobId'> {
  /**
   * Required: the idempotency key (usually the outbox event id). BullMQ ignores an add whose
   * jobId already exists, so a relay that crashes after enqueueing and retries is harmless.
   * BullMQ forbids ':' in custom ids and purely numeric ids.
   */
  jobId: string;
}

/** Validates job data and its template props, so a bad job fails at the producer, not in the worker. */
export function parseEmailJob(job: unknown): EmailJob {
  const parsed = EmailJob.parse(job);
  EmailTemplateProps[parsed.template].parse(parsed.props);
  return parsed;
}

/** Adds an email job; the job name is the template, which makes queue dashboards readable. */
export async function enqueueEmail(queue: Queue, job: EmailJob, opts: EnqueueOptions): Promise<Job> {
  const data = parseEmailJob(job);
  return queue.add(data.template, data, opts);
}
