import { can, canInOrgAs, type GlobalRole, type OrgPermission, type OrgRole } from '@repo/contracts';

/**
 * What the app shell's navigation lists (the sidebar on wide screens, the drawer on narrow ones),
 * and who sees which entry. One list per section; a new signed-in page gets its entry here.
 * Hiding is a courtesy: the pages check again, and the API refuses what a role does not hold.
 */

export interface NavItem {
  /** Label key under the section's message namespace (`OrgSettings.nav.<key>` …). */
  key: string;
  href: string;
}

/**
 * The active organization's pages and the permissions that open each one (any of `needs`), from
 * the permission table shared with the API.
 */
export const ORG_NAV: (NavItem & { needs: OrgPermission[] })[] = [
  // The organization's work first, then its settings.
  { key: 'files', href: '/org/files', needs: ['files:read'] },
  { key: 'general', href: '/org/settings/general', needs: ['org:read'] },
  { key: 'members', href: '/org/settings/members', needs: ['members:read'] },
  { key: 'invitations', href: '/org/settings/invitations', needs: ['members:invite'] },
  { key: 'apiKeys', href: '/org/settings/api-keys', needs: ['apikeys:manage'] },
  { key: 'webhooks', href: '/org/settings/webhooks', needs: ['webhooks:read'] },
  // gen:org-nav (`pnpm gen feature <name>` adds each resource's page above this line)
  { key: 'danger', href: '/org/settings/danger', needs: ['org:delete', 'org:leave'] },
];

/** The user's own settings (labels under `App.nav`). */
export const SETTINGS_NAV: NavItem[] = [
  { key: 'profile', href: '/settings/profile' },
  { key: 'security', href: '/settings/security' },
];

/** The admin area, for global admins (labels under `Admin.nav`). */
export const ADMIN_NAV: NavItem[] = [
  { key: 'overview', href: '/admin/overview' },
  { key: 'users', href: '/admin/users' },
  { key: 'organizations', href: '/admin/organizations' },
  { key: 'flags', href: '/admin/flags' },
  { key: 'audit', href: '/admin/audit' },
  { key: 'jobs', href: '/admin/jobs' },
];

export const DASHBOARD_HREF = '/dashboard';

export type NavSectionId = 'app' | 'organization' | 'settings' | 'admin';

export interface NavSection {
  id: NavSectionId;
  items: NavItem[];
}

export interface NavViewer {
  /** The caller's global role (the impersonated user's while impersonating). */
  role: GlobalRole;
  /** The active organization, null when there is none or it could not be loaded. */
  org: { role: OrgRole; personal: boolean } | null;
  impersonating: boolean;
}

/** The organization pages `viewer` may open, in the fixed order of ORG_NAV. */
export function orgNavFor(org: NavViewer['org'], impersonating: boolean): NavItem[] {
  if (!org) return [];
  return (
    ORG_NAV
      // A personal organization has no one to invite (the API refuses with org_personal).
      .filter(({ key }) => !(key === 'invitations' && org.personal))
      .filter(({ needs }) => needs.some((p) => canInOrgAs(org.role, p, impersonating)))
      .map(({ key, href }) => ({ key, href }))
  );
}

/** The shell's sections for `viewer`; a section with nothing in it is left out. */
export function shellNav(viewer: NavViewer): NavSection[] {
  const sections: NavSection[] = [
    { id: 'app', items: [{ key: 'dashboard', href: DASHBOARD_HREF }] },
    { id: 'organization', items: orgNavFor(viewer.org, viewer.impersonating) },
    { id: 'settings', items: SETTINGS_NAV },
    { id: 'admin', items: can(viewer.role, 'admin:access') ? ADMIN_NAV : [] },
  ];
  return sections.filter((s) => s.items.length > 0);
}

/**
 * How a link relates to the current path: the page itself, a page under it (a detail page such as
 * /admin/users/<id> keeps "Users" marked), or neither.
 */
export function linkState(href: string, pathname: string): 'page' | 'inside' | null {
  if (pathname === href) return 'page';
  if (pathname.startsWith(`${href}/`)) return 'inside';
  return null;
}
