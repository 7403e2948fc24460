import 'server-only';
import { MyOrganizations, type OrgSummary } from '@repo/contracts';
import { cache } from 'react';
import { serverGet } from '@/lib/api/server';

/**
 * The signed-in user's organizations and the one the app is working in (A8). One API call per
 * render. The API already falls back (personal organization) when the remembered one is gone;
 * the extra fallback here only covers an empty answer.
 */
export const getMyOrganizations = cache(async (): Promise<MyOrganizations> => {
  return serverGet('/orgs', MyOrganizations);
});

export const getActiveOrganization = cache(async (): Promise<OrgSummary | null> => {
  const mine = await getMyOrganizations();
  return mine.organizations.find((o) => o.id === mine.activeOrganizationId) ?? mine.organizations[0] ?? null;
});
