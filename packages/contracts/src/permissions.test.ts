import { describe, expect, it } from 'vitest';
import {
  API_KEY_ACTING_ROLE,
  ApiKeyScopes,
  allowedWhileImpersonating,
  apiKeyCan,
  apiKeyScopeFor,
  can,
  canGrantRole,
  canInOrg,
  canInOrgAs,
  canManageMember,
  GlobalPermissions,
  GlobalRoles,
  globalRolePermissions,
  isOrgPermission,
  OrgPermissions,
  OrgRoles,
  Permissions,
  rolePermissions,
} from './permissions';

describe('can()', () => {
  it('gives users self-service permissions and nothing administrative', () => {
    expect(can('user', 'profile:read')).toBe(true);
    expect(can('user', 'sessions:manage')).toBe(true);
    expect(can('user', 'admin:access')).toBe(false);
  });

  it('gives admins admin:access on top of what users have', () => {
    expect(can('admin', 'admin:access')).toBe(true);
    for (const p of globalRolePermissions.user) expect(can('admin', p)).toBe(true);
  });

  it('fails closed for unknown, empty or organization-only roles', () => {
    for (const role of [
      '',
      'root',
      'Admin',
      'owner',
      'member',
      '__proto__',
      'constructor',
      null,
      undefined,
    ]) {
      for (const p of Permissions) expect(can(role, p)).toBe(false);
    }
  });

  it('keeps organization permissions out of global roles', () => {
    expect(can('admin', 'org:delete')).toBe(false);
    expect(canInOrg('owner', 'org:delete')).toBe(true);
    expect(canInOrg('admin', 'org:delete')).toBe(false);
    expect(canInOrg('member', 'members:invite')).toBe(false);
    expect(canInOrg('user', 'org:read')).toBe(false);
  });

  it('covers every role in the table and only known permissions', () => {
    expect(Object.keys(rolePermissions.global).sort()).toEqual([...GlobalRoles].sort());
    expect(Object.keys(rolePermissions.org).sort()).toEqual([...OrgRoles].sort());
    const all = [...Object.values(rolePermissions.global), ...Object.values(rolePermissions.org)].flat();
    for (const p of all) expect(Permissions).toContain(p);
  });
});

describe('organization roles', () => {
  it('orders owner above admin above member, each holding what the one below holds', () => {
    for (const p of OrgPermissions) {
      if (canInOrg('member', p)) expect(canInOrg('admin', p), p).toBe(true);
      if (canInOrg('admin', p)) expect(canInOrg('owner', p), p).toBe(true);
    }
    expect(canInOrg('admin', 'org:transfer')).toBe(false);
    expect(canInOrg('member', 'members:manage')).toBe(false);
    expect(canInOrg('member', 'apikeys:manage')).toBe(false);
    for (const role of OrgRoles) expect(canInOrg(role, 'org:leave')).toBe(true);
  });

  it('never grants a role above the granter, nor lets anyone manage a higher member', () => {
    expect(canGrantRole('owner', 'owner')).toBe(true);
    expect(canGrantRole('admin', 'owner')).toBe(false);
    expect(canGrantRole('admin', 'admin')).toBe(true);
    expect(canGrantRole('member', 'admin')).toBe(false);
    expect(canManageMember('admin', 'owner')).toBe(false);
    expect(canManageMember('admin', 'member')).toBe(true);
    expect(canManageMember('owner', 'owner')).toBe(true);
  });

  it('keeps global and organization permissions apart', () => {
    for (const p of GlobalPermissions) expect(isOrgPermission(p)).toBe(false);
    for (const p of OrgPermissions) {
      expect(isOrgPermission(p)).toBe(true);
      for (const role of GlobalRoles) expect(can(role, p)).toBe(false);
    }
  });
});

describe('API key scopes', () => {
  it('maps scopes only onto organization permissions, read scopes only onto reads', () => {
    for (const [permission, scope] of Object.entries(apiKeyScopeFor)) {
      expect(isOrgPermission(permission)).toBe(true);
      expect(ApiKeyScopes).toContain(scope);
      if (scope?.endsWith(':read')) expect(permission.endsWith(':read')).toBe(true);
    }
  });

  it('can never delete, transfer, leave or manage keys, nor reach global routes', () => {
    const all = [...ApiKeyScopes];
    for (const p of ['org:delete', 'org:transfer', 'org:leave', 'apikeys:manage'] as const) {
      expect(apiKeyCan(all, p)).toBe(false);
    }
    for (const p of GlobalPermissions) expect(apiKeyCan(all, p)).toBe(false);
    expect(apiKeyCan(['members:read'], 'members:read')).toBe(true);
    expect(apiKeyCan(['members:read'], 'members:manage')).toBe(false);
    expect(API_KEY_ACTING_ROLE).not.toBe('owner');
  });
});

describe('impersonation (D1)', () => {
  it("denies the account's security, API keys, membership, destructive actions and the admin area", () => {
    for (const p of [
      'security:manage',
      'sessions:manage',
      'apikeys:manage',
      'members:invite',
      'members:manage',
    ] as const)
      expect(allowedWhileImpersonating(p), p).toBe(false);
    for (const p of ['org:delete', 'org:transfer', 'admin:access'] as const)
      expect(allowedWhileImpersonating(p)).toBe(false);
    for (const p of [
      'profile:read',
      'profile:write',
      'org:read',
      'org:update',
      'org:leave',
      'members:read',
    ] as const)
      expect(allowedWhileImpersonating(p), p).toBe(true);
  });

  it('canInOrgAs is canInOrg minus the denied permissions while impersonating', () => {
    expect(canInOrgAs('owner', 'members:invite', false)).toBe(true);
    expect(canInOrgAs('owner', 'members:invite', true)).toBe(false);
    expect(canInOrgAs('owner', 'org:update', true)).toBe(true);
    expect(canInOrgAs('member', 'org:update', false)).toBe(false);
    expect(canInOrgAs('member', 'org:update', true)).toBe(false);
  });
});
