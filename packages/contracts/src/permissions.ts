/**
 * The permission model (A7, ADR 0015): roles map to permissions in ONE declarative
 * table, shared by the API (enforcement, the source of truth) and the web app (show/hide actions).
 *
 * Two scopes never mix: a global role (the user record) grants global permissions; an
 * organization role (the membership) grants organization permissions inside that organization
 * only. An API key (A9) belongs to one organization and holds scopes; each organization
 * permission names the scope that lets a key use it (`apiKeyScopeFor`), and permissions without
 * one are never reachable with a key.
 */

/** Global roles, carried by the user record and the access token's `role` claim. */
export const GlobalRoles = ['user', 'admin'] as const;
export type GlobalRole = (typeof GlobalRoles)[number];

/** Organization roles, highest first (A8). */
export const OrgRoles = ['owner', 'admin', 'member'] as const;
export type OrgRole = (typeof OrgRoles)[number];

export const GlobalPermissions = [
  /** Read one's own profile, security activity, identities, 2FA status, memberships. */
  'profile:read',
  /** Change one's own profile, email, password, active organization. */
  'profile:write',
  /** List and revoke one's own sessions. */
  'sessions:manage',
  /** Two-factor, linked sign-in identities, trusted devices. */
  'security:manage',
  /** Create a new organization (the creator becomes its owner). */
  'org:create',
  /** The admin dashboard and every /v1/admin route (docs/admin.md). */
  'admin:access',
] as const;
export type GlobalPermission = (typeof GlobalPermissions)[number];

/** Checked against the caller's membership in the route's `:orgId` (or the API key's organization). */
export const OrgPermissions = [
  'org:read',
  'org:update',
  'org:delete',
  'org:transfer',
  /** Leave the organization (any member; the last owner gets 409). */
  'org:leave',
  'members:read',
  /** Invite, resend and revoke invitations, list pending ones. */
  'members:invite',
  /** Change roles and remove members (never above one's own role). */
  'members:manage',
  'apikeys:manage',
  /** See webhook endpoints, their health and delivery logs (never the signing secret). */
  'webhooks:read',
  /** Add, change, delete endpoints; reveal and rotate secrets; send tests; redeliver. */
  'webhooks:write',
  /** See the file library (ready files), download, see the storage usage. */
  'files:read',
  /** Upload files; rename and delete one's own. */
  'files:write',
  /** Rename and delete anyone's files in the organization. */
  'files:manage',
  // gen:org-permissions (`pnpm gen feature <name>` adds each resource's read/write above this line)
] as const;
export type OrgPermission = (typeof OrgPermissions)[number];

export const Permissions = [...GlobalPermissions, ...OrgPermissions] as const;
export type Permission = GlobalPermission | OrgPermission;

export function isOrgPermission(permission: string): permission is OrgPermission {
  return (OrgPermissions as readonly string[]).includes(permission);
}

const selfService = [
  'profile:read',
  'profile:write',
  'sessions:manage',
  'security:manage',
  'org:create',
] as const;

/** Global role → permissions. Admins get everything users get, plus admin:access. */
export const globalRolePermissions: Readonly<Record<GlobalRole, readonly GlobalPermission[]>> = {
  user: [...selfService],
  admin: [...selfService, 'admin:access'],
};

/** Organization role → permissions inside that organization. */
export const orgRolePermissions: Readonly<Record<OrgRole, readonly OrgPermission[]>> = {
  owner: [
    'org:read',
    'org:update',
    'org:delete',
    'org:transfer',
    'org:leave',
    'members:read',
    'members:invite',
    'members:manage',
    'apikeys:manage',
    'webhooks:read',
    'webhooks:write',
    'files:read',
    'files:write',
    'files:manage',
    // gen:owner-permissions
  ],
  admin: [
    'org:read',
    'org:update',
    'org:leave',
    'members:read',
    'members:invite',
    'members:manage',
    'apikeys:manage',
    'webhooks:read',
    'webhooks:write',
    'files:read',
    'files:write',
    'files:manage',
    // gen:admin-permissions
  ],
  member: [
    'org:read',
    'org:leave',
    'members:read',
    'files:read',
    'files:write',
    // gen:member-permissions
  ],
};

/** API key scopes (A9): read/write per resource. */
export const ApiKeyScopes = [
  'organization:read',
  'organization:write',
  'members:read',
  'members:write',
  'webhooks:read',
  'webhooks:write',
  'files:read',
  'files:write',
  // gen:api-key-scopes
] as const;
export type ApiKeyScope = (typeof ApiKeyScopes)[number];

/**
 * Which scope lets an API key use an organization permission. Missing = keys never can: deleting
 * or transferring the organization, leaving it, and managing API keys (a key cannot mint keys).
 */
export const apiKeyScopeFor: Readonly<Partial<Record<OrgPermission, ApiKeyScope>>> = {
  'org:read': 'organization:read',
  'org:update': 'organization:write',
  'members:read': 'members:read',
  'members:invite': 'members:write',
  'members:manage': 'members:write',
  'webhooks:read': 'webhooks:read',
  'webhooks:write': 'webhooks:write',
  'files:read': 'files:read',
  'files:write': 'files:write',
  // A key acts as an admin (API_KEY_ACTING_ROLE), so files:write lets it manage any file.
  'files:manage': 'files:write',
  // gen:api-key-scope-for
};

/**
 * The organization role an API key acts with when a rule compares roles (inviting, changing a
 * role): a key never acts as an owner, so it cannot create owners or touch them.
 */
export const API_KEY_ACTING_ROLE: OrgRole = 'admin';

/** The one table, keyed by scope so `admin` (global) and `admin` (organization) never mix. */
export const rolePermissions = {
  global: globalRolePermissions,
  org: orgRolePermissions,
  apiKey: apiKeyScopeFor,
} as const;

export function isGlobalRole(role: string): role is GlobalRole {
  return (GlobalRoles as readonly string[]).includes(role);
}

export function isOrgRole(role: string): role is OrgRole {
  return (OrgRoles as readonly string[]).includes(role);
}

/**
 * Whether a global role holds a permission. Takes a plain string (a token claim): an unknown or
 * empty role holds nothing, so a malformed claim fails closed.
 */
export function can(role: string | null | undefined, permission: Permission): boolean {
  if (!role || !isGlobalRole(role)) return false;
  return (globalRolePermissions[role] as readonly string[]).includes(permission);
}

/** Same question for an organization role (the caller's membership in that organization). */
export function canInOrg(role: string | null | undefined, permission: Permission): boolean {
  if (!role || !isOrgRole(role)) return false;
  return (orgRolePermissions[role] as readonly string[]).includes(permission);
}

/** Whether an API key holding `scopes` may use `permission`. */
export function apiKeyCan(scopes: readonly string[], permission: Permission): boolean {
  if (!isOrgPermission(permission)) return false;
  const scope = apiKeyScopeFor[permission];
  return scope !== undefined && scopes.includes(scope);
}

/** owner 3 > admin 2 > member 1. */
export function orgRoleRank(role: OrgRole): number {
  return OrgRoles.length - OrgRoles.indexOf(role);
}

/**
 * "Members cannot grant a role above their own" (A8): `actor` may give `role` (invite with it,
 * or change someone to it) only when it is not higher than the actor's own.
 */
export function canGrantRole(actor: OrgRole, role: OrgRole): boolean {
  return orgRoleRank(role) <= orgRoleRank(actor);
}

/** An actor may change or remove a member only when that member's role is not above its own. */
export function canManageMember(actor: OrgRole, target: OrgRole): boolean {
  return orgRoleRank(target) <= orgRoleRank(actor);
}

/**
 * What an admin impersonating a user (D1, ADR 0019) may not do as that user: the account's
 * credentials and security settings (2FA, linked identities, trusted devices, sessions), its
 * organizations' API keys, membership and destructive organization actions (an admin acting as
 * an owner could otherwise invite themselves as owner and keep the access afterwards), and the
 * admin area itself. A few routes under broader permissions (password and email change, sudo
 * re-authentication) are denied by their own route declaration (`impersonation: 'deny'`).
 */
export const IMPERSONATION_DENIED_PERMISSIONS: readonly Permission[] = [
  'security:manage',
  'sessions:manage',
  'apikeys:manage',
  'members:invite',
  'members:manage',
  // Reveals signing secrets and points the organization's data at a URL of the admin's choosing.
  'webhooks:write',
  'org:delete',
  'org:transfer',
  'admin:access',
];

export function allowedWhileImpersonating(permission: Permission): boolean {
  return !IMPERSONATION_DENIED_PERMISSIONS.includes(permission);
}

/** `canInOrg` for the caller as they are right now: an impersonating admin holds less. */
export function canInOrgAs(
  role: string | null | undefined,
  permission: Permission,
  impersonating: boolean,
): boolean {
  return canInOrg(role, permission) && (!impersonating || allowedWhileImpersonating(permission));
}
