import {
  type EmailJob,
  FileJobName,
  FileVerifyJob,
  type OutboxEventPayload,
  OutboxEventPayloads,
  type OutboxEventType,
  QueueName,
  WebhookDeliverJob,
  WebhookFanoutJob,
  WebhookJobName,
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

/** The recipient's time zone, when the event knows it (emails fall back to UTC). */
const zone = (p: { timeZone?: string | undefined }) => (p.timeZone ? { timeZone: p.timeZone } : {});

const origin = (p: {
  device: string | null;
  ip: string | null;
  at: string;
  timeZone?: string | undefined;
}) => ({
  device: p.device,
  ip: p.ip,
  at: p.at,
  ...zone(p),
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
  // Link mails: notAfter = the token's expiry, so a backed-up queue never mails a dead link.
  'user.verification_requested': (p) => [
    email({
      template: p.purpose === 'change_email' ? 'confirm-email-change' : 'verify-email',
      // For change_email this is the NEW address: only its owner can confirm it.
      to: p.email,
      locale: p.locale,
      props: { email: p.email, token: p.token, expiresAt: p.expiresAt, ...zone(p) },
      notAfter: p.expiresAt,
    }),
  ],
  'user.sign_up_existing': (p) => [
    email({ template: 'account-exists', to: p.email, locale: p.locale, props: { email: p.email } }),
  ],
  'user.email_verified': (p) => [
    email({ template: 'welcome', to: p.email, locale: p.locale, props: { name: p.name } }),
  ],
  'user.password_reset_requested': (p) => [
    email({
      template: 'reset-password',
      to: p.email,
      locale: p.locale,
      props: { email: p.email, token: p.token, expiresAt: p.expiresAt, ...zone(p) },
      notAfter: p.expiresAt,
    }),
  ],
  'user.password_changed': (p) => [
    email({ template: 'password-changed', to: p.email, locale: p.locale, props: origin(p) }),
  ],
  // `email` is the OLD address here: its owner must learn the account moved away from it.
  'user.email_changed': (p) => [
    email({ template: 'email-changed', to: p.email, locale: p.locale, props: { newEmail: p.newEmail } }),
  ],
  'user.locked': (p) => [
    email({
      template: 'account-locked',
      to: p.email,
      locale: p.locale,
      props: { token: p.token, expiresAt: p.expiresAt, lockedUntil: p.lockedUntil, ...zone(p) },
      notAfter: p.expiresAt,
    }),
  ],
  'session.new_device': (p) => [
    email({ template: 'new-sign-in', to: p.email, locale: p.locale, props: origin(p) }),
  ],
  'session.token_reused': (p) => [
    email({ template: 'suspicious-token-reuse', to: p.email, locale: p.locale, props: origin(p) }),
  ],
  'user.two_factor_enabled': (p) => [
    email({ template: 'two-factor-enabled', to: p.email, locale: p.locale, props: origin(p) }),
  ],
  'user.two_factor_disabled': (p) => [
    email({ template: 'two-factor-disabled', to: p.email, locale: p.locale, props: origin(p) }),
  ],
  'user.backup_code_used': (p) => [
    email({
      template: 'backup-code-used',
      to: p.email,
      locale: p.locale,
      props: { ...origin(p), remaining: p.remaining },
    }),
  ],
  // The invitee may have no account: the address and locale come from the invitation itself.
  'org.invitation_sent': (p) => [
    email({
      template: 'org-invitation',
      to: p.email,
      locale: p.locale,
      props: {
        token: p.token,
        expiresAt: p.expiresAt,
        organizationName: p.organizationName,
        inviterName: p.inviterName,
        role: p.role,
      },
      notAfter: p.expiresAt,
    }),
  ],
  'org.member_role_changed': (p) => [
    email({
      template: 'org-role-changed',
      to: p.email,
      locale: p.locale,
      props: {
        organizationName: p.organizationName,
        role: p.role,
        previousRole: p.previousRole,
        changedByName: p.changedByName,
      },
    }),
  ],
  // One fan-out per event: it finds the subscribed endpoints when it runs (docs/webhooks.md).
  'webhook.published': (p, event) => [
    {
      queue: QueueName.webhooks,
      name: WebhookJobName.fanout,
      data: WebhookFanoutJob.parse({ eventId: event.id, ...p }),
    },
  ],
  'webhook.endpoint_disabled': (p) =>
    p.recipients.map((r) =>
      email(
        {
          template: 'webhook-endpoint-disabled',
          to: r.email,
          locale: r.locale,
          props: { organizationName: p.organizationName, url: p.url, reason: p.reason },
        },
        r.userId,
      ),
    ),
  'file.uploaded_pending_check': (p) => [
    { queue: QueueName.files, name: FileJobName.verify, data: FileVerifyJob.parse({ fileId: p.fileId }) },
  ],
  'webhook.redelivery_requested': (p) =>
    p.deliveryIds.map((deliveryId) => ({
      queue: QueueName.webhooks,
      name: WebhookJobName.deliver,
      data: WebhookDeliverJob.parse({ deliveryId, organizationId: p.organizationId }),
      key: deliveryId,
    })),
};

export class UnroutableEventError extends Error {
  override readonly name = 'UnroutableEventError';
}

/** Validates the stored payload against its contract and returns the jobs to enqueue. */
export function jobsForEvent(type: string, payload: unknown, event: EventContext): JobSpec[] {
  if (!Object.hasOwn(OutboxEventPayloads, type))
    throw new UnroutableEventError(`unknown event type: ${type}`);
  return route(type as OutboxEventType, payload, event);
}

// Generic over T so TypeScript correlates the payload schema with its route (no union mix-up).
function route<T extends OutboxEventType>(type: T, payload: unknown, event: EventContext): JobSpec[] {
  const parsed = OutboxEventPayloads[type].safeParse(payload);
  if (!parsed.success) throw new UnroutableEventError(`invalid ${type} payload: ${parsed.error.message}`);
  return eventRoutes[type](parsed.data as OutboxEventPayload<T>, event);
}

/** jobId for a spec: the event id, suffixed when an event fans out into several jobs. */
export const jobIdFor = (eventId: string, spec: JobSpec) => (spec.key ? `${eventId}-${spec.key}` : eventId);
