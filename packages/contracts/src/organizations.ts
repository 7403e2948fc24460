import { z } from 'zod';
import { Email, LinkToken, Password, PersonName } from './auth';
import { listPage, listQuery } from './list';
import { OrgRoles } from './permissions';
import { singleLineText } from './text';
import { Locale } from './waitlist';

/**
 * Organizations, members and invitations (A8, docs/organizations.md). Every organization route lives under
 * `/v1/orgs/:orgId/…`; the caller's membership there decides what it may do (permissions.ts),
 * and an organization the caller is not in answers 404, never 403.
 */

export const OrgRoleSchema = z.enum(OrgRoles);

/** Lowercase letters, digits and inner hyphens, 3–48 characters. */
export const OrgSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{1,46})[a-z0-9]$/, 'lowercase letters, digits and hyphens (3–48)');
export const OrgName = singleLineText({ max: 80 });

export const OrgIdParams = z.strictObject({ orgId: z.uuid() });
export const OrgMemberParams = z.strictObject({ orgId: z.uuid(), userId: z.uuid() });
export const OrgInvitationParams = z.strictObject({ orgId: z.uuid(), invitationId: z.uuid() });

/** A list's search text (F3): a case-insensitive substring; empty means none. */
const ListSearch = singleLineText({ min: 0, max: 100 }).optional();

/** An organization as the caller sees it, with the caller's role (null for an API key). */
export const Organization = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  personal: z.boolean(),
  role: OrgRoleSchema.nullable(),
  memberCount: z.number().int(),
  createdAt: z.iso.datetime(),
  /** Relative API path of the logo image (`/v1/avatars/<fileId>`), null without one. */
  logoUrl: z.string().nullable(),
});
export type Organization = z.infer<typeof Organization>;

export const OrgSummary = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  personal: z.boolean(),
  role: OrgRoleSchema,
  /** Relative API path of the logo image (`/v1/avatars/<fileId>`), null without one. */
  logoUrl: z.string().nullable(),
});
export type OrgSummary = z.infer<typeof OrgSummary>;

/** GET /v1/orgs (lists convention): `name:asc` keeps the personal organization first. */
export const MyOrganizationsQuery = listQuery({
  sorts: ['name:asc'],
  defaultSort: 'name:asc',
  defaultLimit: 100,
});
export type MyOrganizationsQuery = z.infer<typeof MyOrganizationsQuery>;
/** GET /v1/orgs: a page of the caller's organizations and the one the app opens in. */
export const MyOrganizations = listPage('organizations', OrgSummary).extend({
  activeOrganizationId: z.string().nullable(),
});
export type MyOrganizations = z.infer<typeof MyOrganizations>;

export const CreateOrgBody = z.strictObject({ name: OrgName, slug: OrgSlug.optional() });
export const UpdateOrgBody = z
  .strictObject({ name: OrgName.optional(), slug: OrgSlug.optional() })
  .refine((b) => b.name !== undefined || b.slug !== undefined, 'nothing to change');
/** Typed confirmation: the organization's current slug. */
export const DeleteOrgBody = z.strictObject({ confirm: z.string().max(100) });
export const SetActiveOrgBody = z.strictObject({ organizationId: z.uuid() });
export const TransferOwnershipBody = z.strictObject({ userId: z.uuid() });

export const Member = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: OrgRoleSchema,
  joinedAt: z.iso.datetime(),
  /** Relative API path of the avatar image (`/v1/avatars/<fileId>`), null without one. */
  avatarUrl: z.string().nullable(),
});
export type Member = z.infer<typeof Member>;
/** Members, oldest membership first by default; `q` matches name or email, case-insensitively. */
export const MemberListQuery = listQuery({
  sorts: ['joinedAt:asc', 'joinedAt:desc', 'name:asc'],
  defaultSort: 'joinedAt:asc',
  filters: { q: ListSearch },
});
export type MemberListQuery = z.infer<typeof MemberListQuery>;
export const MemberList = listPage('members', Member);
export const ChangeRoleBody = z.strictObject({ role: OrgRoleSchema });

export const InvitationStatus = z.enum(['pending', 'expired']);
/** A pending (or expired, not yet cleaned up) invitation as organization admins see it. */
export const Invitation = z.object({
  id: z.string(),
  email: z.string(),
  role: OrgRoleSchema,
  status: InvitationStatus,
  invitedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  expiresAt: z.iso.datetime(),
  lastSentAt: z.iso.datetime(),
  sendCount: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type Invitation = z.infer<typeof Invitation>;
/** Pending invitations, newest first by default; `q` matches the invited address. */
export const InvitationListQuery = listQuery({
  sorts: ['createdAt:desc', 'createdAt:asc', 'email:asc'],
  defaultSort: 'createdAt:desc',
  filters: { q: ListSearch },
});
export type InvitationListQuery = z.infer<typeof InvitationListQuery>;
export const InvitationList = listPage('invitations', Invitation);
export const CreateInvitationBody = z.strictObject({
  email: Email,
  role: OrgRoleSchema.default('member'),
  /** Language of the mail when the address has no account yet (else the account's locale). */
  locale: Locale.optional(),
});

/** Invitation links: the token is in the body, never in a URL the API logs. */
export const InvitationTokenBody = z.strictObject({ token: LinkToken });
/** What the invitation landing page shows to whoever holds the link. */
export const InvitationPreview = z.object({
  organization: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
  invitedBy: z.string().nullable(),
  email: z.string(),
  role: OrgRoleSchema,
  expiresAt: z.iso.datetime(),
  /** Whether the invited address has an account: the page offers sign-in or sign-up. */
  accountExists: z.boolean(),
});
export type InvitationPreview = z.infer<typeof InvitationPreview>;
/** Sign up through an invitation: the email is the invited one, proven by the link. */
export const InvitationSignUpBody = z.strictObject({
  token: LinkToken,
  name: PersonName,
  password: Password,
  locale: Locale.default('en'),
});
export const InvitationAccepted = z.object({ organization: OrgSummary });
