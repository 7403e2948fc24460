import { z } from 'zod';
import { ApiKeyScopeSchema } from './api-keys';
import { OrgRoleSchema } from './organizations';

/**
 * The public event catalog: what an organization's webhook endpoints can receive. These are
 * domain events for integrators, separate from the internal outbox events that drive e-mail;
 * their shapes are a public contract, so a change that is not purely additive gets a new
 * `version`. The OpenAPI document, the docs page and the in-app catalog all read this table.
 * A feature adds its events here (`file.*`, `export.*` …) and publishes them with
 * `publishEvent` in the transaction that makes the change.
 */
const at = z.iso.datetime();

const UserRef = z.object({ id: z.uuid(), email: z.email(), name: z.string() });
const OrganizationRef = z.object({ id: z.uuid(), name: z.string(), slug: z.string() });
const MemberRef = z.object({
  userId: z.uuid(),
  email: z.email(),
  name: z.string(),
  role: OrgRoleSchema,
});
const InvitationRef = z.object({ id: z.uuid(), email: z.email(), role: OrgRoleSchema, expiresAt: at });
const ApiKeyRef = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(ApiKeyScopeSchema),
  expiresAt: at.nullable(),
});

const FileRef = z.object({
  id: z.uuid(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  /** Who uploaded it; null once that account is gone. */
  uploadedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});

interface CatalogEntry<S extends z.ZodType> {
  version: number;
  description: string;
  data: S;
  example: z.infer<S>;
}
const entry = <S extends z.ZodType>(e: CatalogEntry<S>) => e;

const exampleUser = {
  id: '0193a1b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b',
  email: 'dana@example.com',
  name: 'Dana Probe',
};
const exampleOrg = { id: '0193a1b2-0000-7000-8000-00000000a001', name: 'Acme', slug: 'acme' };
const exampleMember = {
  userId: exampleUser.id,
  email: exampleUser.email,
  name: exampleUser.name,
  role: 'member' as const,
};
const exampleInvitation = {
  id: '0193a1b2-0000-7000-8000-00000000b001',
  email: 'lee@example.com',
  role: 'admin' as const,
  expiresAt: '2026-12-14T09:30:00.000Z',
};
const exampleKey = {
  id: '0193a1b2-0000-7000-8000-00000000c001',
  name: 'CI deploys',
  prefix: 'gwk_a1B2c3D4e5F6',
  scopes: ['members:read' as const],
  expiresAt: null,
};

const exampleFile = {
  id: '0193a1b2-0000-7000-8000-00000000e001',
  name: 'Quarterly report.pdf',
  contentType: 'application/pdf',
  size: 482_113,
  uploadedBy: { id: exampleUser.id, name: exampleUser.name },
};

export const WebhookEventCatalog = {
  'user.created': entry({
    version: 1,
    description: 'A person signed up; sent to their personal organization.',
    data: z.object({ user: UserRef }),
    example: { user: exampleUser },
  }),
  'user.updated': entry({
    version: 1,
    description: "A member changed their name or e-mail address; sent to each of the user's organizations.",
    data: z.object({ user: UserRef, changed: z.array(z.enum(['name', 'email'])) }),
    example: { user: exampleUser, changed: ['name'] },
  }),
  'user.deleted': entry({
    version: 1,
    description: "A member's account was deleted; sent to each organization they belonged to.",
    data: z.object({ user: z.object({ id: z.uuid() }) }),
    example: { user: { id: exampleUser.id } },
  }),
  'organization.created': entry({
    version: 1,
    description: 'The organization was created.',
    data: z.object({ organization: OrganizationRef }),
    example: { organization: exampleOrg },
  }),
  'organization.updated': entry({
    version: 1,
    description: 'The organization was renamed or its slug changed.',
    data: z.object({ organization: OrganizationRef, changed: z.array(z.enum(['name', 'slug'])) }),
    example: { organization: exampleOrg, changed: ['name'] },
  }),
  'organization.deleted': entry({
    version: 1,
    description: 'The organization was deleted. No further events follow for it.',
    data: z.object({ organization: z.object({ id: z.uuid() }) }),
    example: { organization: { id: exampleOrg.id } },
  }),
  'member.added': entry({
    version: 1,
    description: 'Someone joined the organization (by invitation, or as its creator).',
    data: z.object({ member: MemberRef }),
    example: { member: exampleMember },
  }),
  'member.removed': entry({
    version: 1,
    description: 'A member was removed, left, or had their account deleted.',
    data: z.object({ member: MemberRef, reason: z.enum(['removed', 'left', 'account_deleted']) }),
    example: { member: exampleMember, reason: 'removed' },
  }),
  'member.role_changed': entry({
    version: 1,
    description: "A member's role changed (including by an ownership transfer).",
    data: z.object({ member: MemberRef, previousRole: OrgRoleSchema }),
    example: { member: { ...exampleMember, role: 'admin' }, previousRole: 'member' },
  }),
  'invitation.created': entry({
    version: 1,
    description: 'Someone was invited to the organization.',
    data: z.object({ invitation: InvitationRef }),
    example: { invitation: exampleInvitation },
  }),
  'invitation.accepted': entry({
    version: 1,
    description: 'An invitation was accepted; a member.added event follows.',
    data: z.object({ invitation: InvitationRef, userId: z.uuid() }),
    example: { invitation: exampleInvitation, userId: exampleUser.id },
  }),
  'invitation.revoked': entry({
    version: 1,
    description: 'A pending invitation was revoked.',
    data: z.object({ invitation: InvitationRef }),
    example: { invitation: exampleInvitation },
  }),
  'api_key.created': entry({
    version: 1,
    description: 'An API key was created. The secret is never part of an event.',
    data: z.object({ apiKey: ApiKeyRef }),
    example: { apiKey: exampleKey },
  }),
  'api_key.rotated': entry({
    version: 1,
    description: 'An API key was rotated: `apiKey` is the new key, `previous` stays valid until its expiry.',
    data: z.object({ apiKey: ApiKeyRef, previous: ApiKeyRef }),
    example: {
      apiKey: { ...exampleKey, id: '0193a1b2-0000-7000-8000-00000000c002', prefix: 'gwk_Z9y8X7w6V5u4' },
      previous: { ...exampleKey, expiresAt: '2026-12-08T09:30:00.000Z' },
    },
  }),
  'api_key.revoked': entry({
    version: 1,
    description: 'An API key was revoked and no longer works.',
    data: z.object({ apiKey: ApiKeyRef }),
    example: { apiKey: exampleKey },
  }),
  'file.uploaded': entry({
    version: 1,
    description: 'A file in the organization library finished uploading and passed its checks (it is ready).',
    data: z.object({ file: FileRef }),
    example: { file: exampleFile },
  }),
  'file.deleted': entry({
    version: 1,
    description: 'A file was deleted from the organization library.',
    data: z.object({ file: FileRef, deletedBy: z.object({ id: z.uuid() }).nullable() }),
    example: { file: exampleFile, deletedBy: { id: exampleUser.id } },
  }),
  'webhook.test': entry({
    version: 1,
    description: 'Sent by "Send test event"; only to the endpoint it was sent to.',
    data: z.object({ endpointId: z.uuid(), message: z.string() }),
    example: { endpointId: '0193a1b2-0000-7000-8000-00000000d001', message: 'Hello from Groundwork' },
  }),
} as const;

export type WebhookEventType = keyof typeof WebhookEventCatalog;
export type WebhookEventData<T extends WebhookEventType> = z.infer<(typeof WebhookEventCatalog)[T]['data']>;
export const WEBHOOK_EVENT_TYPES = Object.keys(WebhookEventCatalog) as [
  WebhookEventType,
  ...WebhookEventType[],
];
export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);

/**
 * What a receiver gets as the request body. `id` is the same as the `webhook-id` header and is
 * stable across retries and redeliveries (deduplicate on it).
 */
export const webhookEnvelope = <T extends WebhookEventType>(type: T) =>
  z.object({
    id: z.string(),
    type: z.literal(type),
    version: z.literal(WebhookEventCatalog[type].version),
    timestamp: at,
    organizationId: z.uuid(),
    data: WebhookEventCatalog[type].data,
  });

/**
 * An event-type filter entry: an exact type, a family wildcard (`member.*`) or `*` for all.
 * Validated against the catalog so a typo is refused rather than matching nothing forever.
 */
export const WebhookEventFilter = z
  .string()
  .refine(
    (value) =>
      value === '*' ||
      (WEBHOOK_EVENT_TYPES as string[]).includes(value) ||
      (value.endsWith('.*') && WEBHOOK_EVENT_TYPES.some((t) => t.startsWith(value.slice(0, -1)))),
    { message: 'Not an event type, a family wildcard like member.*, or *' },
  );

/** Whether an endpoint subscribed with `filters` receives `type`. `webhook.test` is never matched. */
export function matchesEventFilter(filters: readonly string[], type: string): boolean {
  if (type === 'webhook.test') return false;
  return filters.some(
    (f) => f === '*' || f === type || (f.endsWith('.*') && type.startsWith(f.slice(0, -1))),
  );
}
