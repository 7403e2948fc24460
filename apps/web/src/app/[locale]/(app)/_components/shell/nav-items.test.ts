import { describe, expect, it } from 'vitest';
import { linkState, type NavViewer, orgNavFor, shellNav } from './nav-items';

const keys = (viewer: NavViewer) =>
  Object.fromEntries(shellNav(viewer).map((s) => [s.id, s.items.map((i) => i.key)]));

describe('shellNav', () => {
  it('shows an owner every organization page, and a user no admin section', () => {
    expect(keys({ role: 'user', org: { role: 'owner', personal: false }, impersonating: false })).toEqual({
      app: ['dashboard'],
      organization: ['files', 'general', 'members', 'invitations', 'apiKeys', 'webhooks', 'danger'],
      settings: ['profile', 'security'],
    });
  });

  it('gates the organization pages by the permission table', () => {
    // A member uses the files, reads and leaves, but neither invites nor manages keys or webhooks.
    expect(orgNavFor({ role: 'member', personal: false }, false).map((i) => i.key)).toEqual([
      'files',
      'general',
      'members',
      'danger',
    ]);
    // A personal organization has no one to invite.
    expect(orgNavFor({ role: 'owner', personal: true }, false).map((i) => i.key)).not.toContain(
      'invitations',
    );
    // No active organization: no section at all.
    expect(keys({ role: 'user', org: null, impersonating: false })).not.toHaveProperty('organization');
  });

  it('follows what an impersonating admin may not do', () => {
    const owner = orgNavFor({ role: 'owner', personal: false }, false).map((i) => i.key);
    const impersonated = orgNavFor({ role: 'owner', personal: false }, true).map((i) => i.key);
    expect(impersonated).not.toContain('apiKeys');
    expect(impersonated.length).toBeLessThan(owner.length);
  });

  it('adds the admin area for global admins only', () => {
    const admin = keys({ role: 'admin', org: null, impersonating: false });
    expect(admin.admin).toEqual(['overview', 'users', 'organizations', 'flags', 'audit', 'jobs']);
  });
});

describe('linkState', () => {
  it('marks the page itself, a page under it, and nothing else', () => {
    expect(linkState('/admin/users', '/admin/users')).toBe('page');
    expect(linkState('/admin/users', '/admin/users/123')).toBe('inside');
    expect(linkState('/admin/users', '/admin/users-old')).toBeNull();
    expect(linkState('/settings/profile', '/settings/security')).toBeNull();
  });
});
