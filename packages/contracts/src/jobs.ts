import { z } from 'zod';
import { Locale } from './waitlist';

/** Queue names shared by producers (api, relay) and processors (worker). */
export const QueueName = {
  email: 'email',
  outbox: 'outbox',
  maintenance: 'maintenance',
  webhooks: 'webhooks',
  files: 'files',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** Jobs of the `maintenance` queue, each run by a job scheduler of the worker (docs/admin.md). */
export const MaintenanceJobName = {
  /** Hard-deletes accounts soft-deleted longer ago than USER_DELETION_GRACE_DAYS. */
  usersPurge: 'users.purge',
  /** Aborts multipart uploads and deletes objects of `pending` files older than FILES_PENDING_TTL_HOURS. */
  filesAbortStale: 'files.abort-stale',
  /** Deletes the objects (and variants) of files deleted longer ago than FILES_DELETED_GRACE_DAYS. */
  filesPurgeDeleted: 'files.purge-deleted',
  /** Deletes objects under `o/` and `u/` older than a day that no file row names. */
  filesReconcileOrphans: 'files.reconcile-orphans',
} as const;
export type MaintenanceJobName = (typeof MaintenanceJobName)[keyof typeof MaintenanceJobName];

/**
 * Jobs of the `webhooks` queue (docs/webhooks.md): `fanout` turns one published event into a
 * message and one delivery per subscribed endpoint; `deliver` carries one delivery through all of
 * its attempts (job id `delivery-<deliveryId>`).
 */
export const WebhookJobName = { fanout: 'fanout', deliver: 'deliver' } as const;
export const WebhookFanoutJob = z.object({
  eventId: z.uuid(),
  organizationId: z.uuid(),
  type: z.string(),
  timestamp: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
  endpointId: z.uuid().optional(),
});
export type WebhookFanoutJob = z.infer<typeof WebhookFanoutJob>;
export const WebhookDeliverJob = z.object({ deliveryId: z.uuid(), organizationId: z.uuid() });
export type WebhookDeliverJob = z.infer<typeof WebhookDeliverJob>;
export const webhookDeliveryJobId = (deliveryId: string) => `delivery-${deliveryId}`;

/**
 * Jobs of the `files` queue (docs/files.md): `verify` checks an uploaded object (type sniffed from
 * its first bytes), makes image variants and marks the file ready or rejected.
 */
export const FileJobName = { verify: 'verify' } as const;
export const FileVerifyJob = z.object({ fileId: z.uuid() });
export type FileVerifyJob = z.infer<typeof FileVerifyJob>;
export const fileVerifyJobId = (fileId: string) => `file-verify-${fileId}`;

/** IANA zone the recipient reads times in (the user's profile timezone); absent = UTC. */
const timeZone = z
  .string()
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown time zone')
  .optional();
/**
 * A link email carries the raw token, never the URL: the worker builds the link from its own
 * APP_URL, so nothing a request controlled (Host, Origin) can point a mail at another site.
 */
const link = { token: z.string().min(1), expiresAt: z.iso.datetime(), timeZone };
/** Where a security-relevant action came from, for the mail that reports it. */
const origin = { device: z.string().nullable(), ip: z.string().nullable(), at: z.iso.datetime(), timeZone };

/** Templates @repo/email can render, with the props each needs. */
export const EmailTemplateProps = {
  'waitlist-welcome': z.object({ email: z.email() }),
  'verify-email': z.object({ email: z.email(), ...link }),
  /** Sent to the NEW address of an email change. */
  'confirm-email-change': z.object({ email: z.email(), ...link }),
  'account-exists': z.object({ email: z.email() }),
  welcome: z.object({ name: z.string() }),
  'reset-password': z.object({ email: z.email(), ...link }),
  'password-changed': z.object({ ...origin }),
  /** Sent to the OLD address once the change is confirmed. */
  'email-changed': z.object({ newEmail: z.email() }),
  'account-locked': z.object({ ...link, lockedUntil: z.iso.datetime() }),
  'new-sign-in': z.object({ ...origin }),
  'suspicious-token-reuse': z.object({ ...origin }),
  'two-factor-enabled': z.object({ ...origin }),
  'two-factor-disabled': z.object({ ...origin }),
  'backup-code-used': z.object({ ...origin, remaining: z.number().int().min(0) }),
  'org-invitation': z.object({
    ...link,
    organizationName: z.string(),
    inviterName: z.string().nullable(),
    role: z.enum(['owner', 'admin', 'member']),
  }),
  'org-role-changed': z.object({
    organizationName: z.string(),
    role: z.enum(['owner', 'admin', 'member']),
    previousRole: z.enum(['owner', 'admin', 'member']),
    changedByName: z.string().nullable(),
  }),
  /** To each owner and admin when the worker disabled one of the organization's webhook endpoints. */
  'webhook-endpoint-disabled': z.object({
    organizationName: z.string(),
    url: z.string(),
    reason: z.enum(['gone', 'failing']),
  }),
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
