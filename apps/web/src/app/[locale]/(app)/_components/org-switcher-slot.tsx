import { cookies } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import { readAuthCookie } from '@/lib/auth/cookie-names';
import { enrolmentRequired } from '@/lib/auth/jwt-claims';
import { getMyOrganizations } from '@/lib/orgs/active-org';
import { OrgSwitcher } from './org-switcher';

/**
 * Loads the user's organizations for the header. A failing API call hides the switcher rather
 * than the whole shell (the page itself reports the outage).
 */
export async function OrgSwitcherSlot() {
  // A user the 2FA policy holds on the enrolment page may not call /orgs yet; asking would
  // redirect to that same page, forever.
  if (enrolmentRequired(readAuthCookie(await cookies(), 'access'))) return null;
  try {
    const mine = await getMyOrganizations();
    const activeId = mine.activeOrganizationId ?? mine.organizations[0]?.id;
    if (!activeId) return null;
    return <OrgSwitcher organizations={mine.organizations} activeId={activeId} />;
  } catch (error) {
    unstable_rethrow(error);
    return null;
  }
}
