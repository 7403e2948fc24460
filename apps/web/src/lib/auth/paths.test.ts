import { describe, expect, it } from 'vitest';
import { isProtectedPath, isSignedInPath } from './paths';

describe('isSignedInPath', () => {
  it('holds for the (app) pages: the protected prefixes and the admin console', () => {
    for (const path of [
      '/dashboard',
      '/settings/profile',
      '/org/settings/members',
      '/admin',
      '/admin/users',
    ]) {
      expect(isSignedInPath(path), path).toBe(true);
    }
  });

  it('does not hold for public and auth pages, nor for look-alike prefixes', () => {
    for (const path of ['/', '/status', '/sign-in', '/invitation', '/administrator', '/dashboards']) {
      expect(isSignedInPath(path), path).toBe(false);
      expect(isProtectedPath(path), path).toBe(false);
    }
  });
});
