import { z } from 'zod';
import { listPage, listQuery } from './list';
import { OrgRoleSchema } from './organizations';
import { GlobalRoles } from './permissions';
import { singleLineText } from './text';

/**
 * Admin users (D1) and organizations (D2), docs/admin.md: lists with search, filters, sort and an
 * opaque keyset cursor (the lists convention, list.ts), details, and the audited account actions.
 * Global admins only.
 */

export const AdminGlobalRole = z.enum(GlobalRoles);
/** active: neither disabled nor deleted; deleted wins over disabled. */
export const AdminUserStatus = z.enum(['active', 'disabled', 'deleted']);
export type AdminUserStatus = z.infer<typeof AdminUserStatus>;
/** The sortable columns of the users list (each sorts both ways: `name:asc`, `name:desc`). */
export const AdminUserSort = z.enum(['createdAt', 'name', 'email']);
export type AdminUserSort = z.infer<typeof AdminUserSort>;
export const AdminUserListSorts = [
  'createdAt:desc',
  'createdAt:asc',
  'name:asc',
  'name:desc',
  'email:asc',
  'email:desc',
  'relevance:desc',
] as const;
export type AdminUserListSort = (typeof AdminUserListSorts)[number];

/** `true` / `false` in a query string (z.coerce.boolean would read "false" as true). */
const QueryBool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const AdminUserListQuery = listQuery({
  sorts: AdminUserListSorts,
  defaultSort: 'createdAt:desc',
  filters: {
    /** Typo-tolerant: trigram word similarity on name and email, plus email substring. */
    q: singleLineText({ max: 100 }).optional(),
    role: AdminGlobalRole.optional(),
    /** Default: every account that is not deleted. */
    status: AdminUserStatus.optional(),
    verified: QueryBool.optional(),
    twoFactor: QueryBool.optional(),
    organizationId: z.uuid().optional(),
  },
})
  // The default depends on the search: omitted, it is `relevance:desc` with `q`, else `createdAt:desc`.
  .extend({ sort: z.enum(AdminUserListSorts).optional() })
  .superRefine((query, ctx) => {
    if (query.sort === 'relevance:desc' && query.q === undefined) {
      ctx.addIssue({ code: 'custom', path: ['sort'], message: 'relevance needs q' });
    }
  });
export type AdminUserListQuery = z.infer<typeof AdminUserListQuery>;

export const AdminUserListItem = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: AdminGlobalRole,
  status: AdminUserStatus,
  emailVerified: z.boolean(),
  twoFactorEnabled: z.boolean(),
  createdAt: z.iso.datetime(),
  /** When the newest session was opened (a sign-in); null if the account never signed in. */
  lastSignInAt: z.iso.datetime().nullable(),
  /** Relative API path of the avatar image (`/v1/avatars/<fileId>`), null without one. */
  avatarUrl: z.string().nullable(),
});
export type AdminUserListItem = z.infer<typeof AdminUserListItem>;
export const AdminUserList = listPage('users', AdminUserListItem);
export type AdminUserList = z.infer<typeof AdminUserList>;

export const AdminUserParams = z.strictObject({ userId: z.uuid() });

export const AdminUserSession = z.object({
  id: z.string(),
  device: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export const AdminUserIdentity = z.object({
  id: z.string(),
  provider: z.string(),
  email: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export const AdminUserMembership = z.object({
  organizationId: z.string(),
  name: z.string(),
  slug: z.string(),
  personal: z.boolean(),
  role: OrgRoleSchema,
  joinedAt: z.iso.datetime(),
});
/** An audit row the user did or that was done to their account (no diff: see the audit viewer). */
export const AdminUserActivity = z.object({
  id: z.string(),
  action: z.string(),
  actorId: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  organizationId: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const AdminUserDetail = AdminUserListItem.extend({
  locale: z.string(),
  timezone: z.string(),
  hasPassword: z.boolean(),
  disabledAt: z.iso.datetime().nullable(),
  deletedAt: z.iso.datetime().nullable(),
  /** Deleted accounts: when the grace period ends (USER_DELETION_GRACE_DAYS); restorable until then. */
  purgeAfter: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
  /** Live sessions only (not revoked, not expired), newest activity first. */
  sessions: z.array(AdminUserSession),
  identities: z.array(AdminUserIdentity),
  organizations: z.array(AdminUserMembership),
  /** The 50 newest audit rows where the user is the actor or the target. */
  activity: z.array(AdminUserActivity),
});
export type AdminUserDetail = z.infer<typeof AdminUserDetail>;

export const AdminChangeRoleBody = z.strictObject({ role: AdminGlobalRole });

/** Result of an account action: the user as the list shows it now. */
export const AdminUserActionResult = z.object({ user: AdminUserListItem });
/** Result of a sign-out: how many live sessions were ended. */
export const AdminSignOutResult = z.object({ revokedSessions: z.number().int() });

// ── Organizations (D2) ────────────────────────────────────────────────────────────────────────

export const AdminOrgListQuery = listQuery({
  sorts: ['createdAt:desc', 'createdAt:asc', 'name:asc'],
  defaultSort: 'createdAt:desc',
  /** Case-insensitive substring of the name or slug. */
  filters: { q: singleLineText({ max: 100 }).optional() },
});
export type AdminOrgListQuery = z.infer<typeof AdminOrgListQuery>;

export const AdminOrgListItem = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  personal: z.boolean(),
  memberCount: z.number().int(),
  createdAt: z.iso.datetime(),
});
export const AdminOrgList = listPage('organizations', AdminOrgListItem);

export const AdminOrgParams = z.strictObject({ organizationId: z.uuid() });

export const AdminOrgMember = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: OrgRoleSchema,
  joinedAt: z.iso.datetime(),
});
export const AdminOrgInvitation = z.object({
  id: z.string(),
  email: z.string(),
  role: OrgRoleSchema,
  invitedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  expiresAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});
/** An API key without anything secret: the public prefix identifies it. */
export const AdminOrgApiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  status: z.enum(['active', 'expiring', 'expired', 'revoked']),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
});
/** A webhook endpoint as an admin sees it: where it points, whether it works. Never its secret. */
export const AdminOrgWebhook = z.object({
  id: z.string(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  health: z.enum(['healthy', 'failing', 'disabled']),
  disabledReason: z.enum(['manual', 'gone', 'failing']).nullable(),
  finished24h: z.number().int(),
  succeeded24h: z.number().int(),
  lastDeliveryAt: z.iso.datetime().nullable(),
});
export const AdminOrgDetail = AdminOrgListItem.extend({
  updatedAt: z.iso.datetime(),
  /** Every member (owners first, then admins, then members; by join date). */
  members: z.array(AdminOrgMember),
  /** Pending invitations only (not accepted, declined, revoked or expired). */
  invitations: z.array(AdminOrgInvitation),
  apiKeys: z.array(AdminOrgApiKey),
  webhooks: z.array(AdminOrgWebhook),
});
export type AdminOrgDetail = z.infer<typeof AdminOrgDetail>;
