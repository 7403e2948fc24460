import { z } from 'zod';
import { Locale } from './waitlist';

/** Queue names shared by producers (api, relay) and processors (worker). */
export const QueueName = { email: 'email', outbox: 'outbox' } as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** Templates @repo/email can render, with the props each needs. */
export const EmailTemplateProps = {
  'waitlist-welcome': z.object({ email: z.email() }),
} as const;
export type EmailTemplate = keyof typeof EmailTemplateProps;

export const EmailJob = z.object({
  template: z.enum(Object.keys(EmailTemplateProps) as [EmailTemplate, ...EmailTemplate[]]),
  to: z.email(),
  locale: Locale,
  props: z.record(z.string(), z.unknown()),
  /** ISO time after which the mail is pointless (e.g. its token expired): the job drops it. */
  notAfter: z.iso.datetime().optional(),
  /** W3C traceparent of the request that caused it, so the trace continues in the worker. */
  traceparent: z.string().optional(),
});
export type EmailJob = z.infer<typeof EmailJob>;
