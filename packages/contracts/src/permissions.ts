/**
 * The permission model (PRODUCT.md A7, ADR 0015): roles map to permissions in ONE declarative
 * table, shared by the API (enforcement, the source of truth) and the web app (show/hide actions).
 */

/** Global roles, carried by the user record and the access token's `role` claim. */
export const GlobalRoles = ['user', 'admin'] as const;
export type GlobalRole = (typeof GlobalRoles)[number];

/**
 * Organization roles (A8). Declared so the table has one shape from the start; NOT enforced yet:
 * no route checks them until organizations exist.
 */
export const OrgRoles = ['owner', 'admin', 'member'] as const;
export type OrgRole = (typeof OrgRoles)[number];

export const Permissions = [
  /** Read one's own profile, security activity, identities, 2FA status. */
  'profile:read',
  /** Change one's own profile, email, password. */
  'profile:write',
  /** List and revoke one's own sessions. */
  'sessions:manage',
  /** Two-factor, linked sign-in identities, trusted devices. */
  'security:manage',
  /** The admin dashboard and every /v1/admin route (PRODUCT.md D). */
  'admin:access',
  // Organization permissions (A8/A9) — declared for the org roles, not enforced yet.
  'org:read',
  'org:update',
  'org:delete',
  'members:read',
  'members:invite',
  'members:manage',
  'apikeys:manage',
] as const;
export type Permission = (typeof Permissions)[number];

const selfService = ['profile:read', 'profile:write', 'sessions:manage', 'security:manage'] as const;

/** Global role → permissions. Admins get everything users get, plus admin:access. */
export const globalRolePermissions: Readonly<Record<GlobalRole, readonly Permission[]>> = {
  user: [...selfService],
  admin: [...selfService, 'admin:access'],
};

/** Organization role → permissions inside that organization (not enforced yet, see OrgRoles). */
export const orgRolePermissions: Readonly<Record<OrgRole, readonly Permission[]>> = {
  owner: [
    'org:read',
    'org:update',
    'org:delete',
    'members:read',
    'members:invite',
    'members:manage',
    'apikeys:manage',
  ],
  admin: ['org:read', 'org:update', 'members:read', 'members:invite', 'members:manage', 'apikeys:manage'],
  member: ['org:read', 'members:read'],
};

/** The one table, keyed by scope so `admin` (global) and `admin` (organization) never mix. */
export const rolePermissions = {
  global: globalRolePermissions,
  org: orgRolePermissions,
} as const;

export function isGlobalRole(role: string): role is GlobalRole {
  return (GlobalRoles as readonly string[]).includes(role);
}

/**
 * Whether a global role holds a permission. Takes a plain string (a token claim): an unknown or
 * empty role holds nothing, so a malformed claim fails closed.
 */
export function can(role: string | null | undefined, permission: Permission): boolean {
  if (!role || !isGlobalRole(role)) return false;
  return globalRolePermissions[role].includes(permission);
}

/** Same question for an organization role (used once A8 lands). */
export function canInOrg(role: string | null | undefined, permission: Permission): boolean {
  if (!role || !(OrgRoles as readonly string[]).includes(role)) return false;
  return orgRolePermissions[role as OrgRole].includes(permission);
}
