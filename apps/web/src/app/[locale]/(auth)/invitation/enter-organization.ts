import { orgsApi } from '@/lib/api/orgs';

/** Opens the app in the organization just joined (a full load: new session, new active org). */
export async function enterOrganization(locale: string, organizationId: string): Promise<never> {
  // Joining makes it active already; asking again keeps the landing right if that changes.
  await orgsApi.setActive(organizationId).catch(() => undefined);
  window.location.assign(`/${locale}/dashboard`);
  return new Promise<never>(() => {});
}
