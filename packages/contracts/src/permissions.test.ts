import { describe, expect, it } from 'vitest';
import {
  can,
  canInOrg,
  GlobalRoles,
  globalRolePermissions,
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
