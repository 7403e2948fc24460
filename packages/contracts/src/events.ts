import { z } from 'zod';
import { OrgRoleSchema } from './organizations';
import { Locale } from './waitlist';
import { WebhookEventTypeSchema } from './webhook-events';

/**
 * Outbox event payloads, keyed by type. A service writes the event in the same transaction as
 * its change; the worker's relay turns each into jobs (jobId = event id, so a re-relay is harmless).
 */
/** `timeZone` (the user's IANA zone) lets emails show times as the recipient reads them. */
const recipient = { userId: z.string(), email: z.email(), locale: Locale, timeZone: z.string().optional() };
/** Emailed link tokens travel in the event until relayed; `expiresAt` becomes the job's notAfter. */
const link = { token: z.string(), expiresAt: z.iso.datetime() };
/** Where and from what a security-relevant sign-in happened, for the email that reports it. */
const origin = { device: z.string().nullable(), ip: z.string().nullable(), at: z.iso.datetime() };

export const OutboxEventPayloads = {
  'waitlist.joined': z.object({ entryId: z.string(), email: z.email(), locale: Locale }),
  /** Sign-up, resend, or an email change (sent to the new address, `purpose: change_email`). */
  'user.verification_requested': z.object({
    ...recipient,
    ...link,
    purpose: z.enum(['sign_up', 'change_email']),
  }),
  /** Sign-up with an address that already has an account: that inbox is told, nobody else. */
  'user.sign_up_existing': z.object({ ...recipient }),
  'user.email_verified': z.object({ ...recipient, name: z.string() }),
  'user.password_reset_requested': z.object({ ...recipient, ...link }),
  'user.password_changed': z.object({ ...recipient, ...origin }),
  /** Sent to the OLD address after the change is confirmed. */
  'user.email_changed': z.object({ ...recipient, newEmail: z.email() }),
  'user.locked': z.object({ ...recipient, ...link, lockedUntil: z.iso.datetime() }),
  'session.new_device': z.object({ ...recipient, ...origin }),
  /** A rotated refresh token came back: the whole session was revoked. */
  'session.token_reused': z.object({ ...recipient, ...origin }),
  'user.two_factor_enabled': z.object({ ...recipient, ...origin }),
  'user.two_factor_disabled': z.object({ ...recipient, ...origin }),
  /** A backup code opened a session; `remaining` unused codes are left. */
  'user.backup_code_used': z.object({ ...recipient, ...origin, remaining: z.number().int().min(0) }),
  /** An invitation link to send (or send again); the invitee may have no account yet. */
  'org.invitation_sent': z.object({
    invitationId: z.string(),
    email: z.email(),
    locale: Locale,
    ...link,
    organizationName: z.string(),
    inviterName: z.string().nullable(),
    role: OrgRoleSchema,
  }),
  /** A member's role changed: they are told by mail. */
  'org.member_role_changed': z.object({
    ...recipient,
    organizationName: z.string(),
    role: OrgRoleSchema,
    previousRole: OrgRoleSchema,
    changedByName: z.string().nullable(),
  }),
  /**
   * A public event (webhook-events.ts) for one organization's webhook endpoints; `data` was
   * validated against the catalog when written. `endpointId` narrows it to one endpoint
   * ("send test event").
   */
  'webhook.published': z.object({
    organizationId: z.uuid(),
    type: WebhookEventTypeSchema,
    timestamp: z.iso.datetime(),
    data: z.record(z.string(), z.unknown()),
    endpointId: z.uuid().optional(),
  }),
  /** The worker disabled an endpoint: each owner and admin is told by mail. */
  'webhook.endpoint_disabled': z.object({
    organizationId: z.uuid(),
    organizationName: z.string(),
    endpointId: z.uuid(),
    url: z.string(),
    reason: z.enum(['gone', 'failing']),
    recipients: z.array(z.object({ userId: z.string(), email: z.email(), locale: Locale })),
  }),
  /**
   * The API completed an upload (status `uploaded`): the worker verifies it (`files` queue,
   * `verify`). Internal only; the public `file.uploaded` follows when the file is ready.
   */
  'file.uploaded_pending_check': z.object({ fileId: z.uuid() }),
  /** Deliveries put back to pending by hand (redeliver, recover): one job each. */
  'webhook.redelivery_requested': z.object({
    organizationId: z.uuid(),
    deliveryIds: z.array(z.uuid()).min(1).max(500),
  }),
} as const;

export type OutboxEventType = keyof typeof OutboxEventPayloads;
export type OutboxEventPayload<T extends OutboxEventType> = z.infer<(typeof OutboxEventPayloads)[T]>;
export const OutboxEventType = z.enum(
  Object.keys(OutboxEventPayloads) as [OutboxEventType, ...OutboxEventType[]],
);

/**
 * PostgreSQL NOTIFY channel a writer signals (inside its transaction, so it fires on commit) after
 * inserting an OutboxEvent; the worker LISTENs and relays at once instead of at its next poll.
 */
export const OUTBOX_NOTIFY_CHANNEL = 'outbox_events';
