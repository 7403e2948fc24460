import { AdminOrgDetail, AdminUserList } from '@repo/contracts';
import type { Metadata } from 'next';
import { unstable_rethrow } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { FormAlert } from '@/components/form/form-alert';
import { PageTitle } from '@/components/layout/page-title';
import {
  ADMIN_USERS_PAGE,
  adminUserApiQuery,
  adminUserQuery,
  parseAdminUserFilters,
} from '@/lib/api/admin-users';
import { getMe, serverGet } from '@/lib/api/server';
import { UsersFilters } from './_components/users-filters';
import { UsersTable } from './_components/users-table';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'AdminUsers' });
  return { title: t('title') };
}

async function firstPage(query: string) {
  try {
    return await serverGet(`/admin/users${query}`, AdminUserList);
  } catch (error) {
    unstable_rethrow(error);
    return null;
  }
}

/** The filtered organization's name for the picker; none when it is gone (the filter still applies). */
async function organizationName(organizationId: string | undefined) {
  if (!organizationId) return undefined;
  try {
    return (await serverGet(`/admin/organizations/${organizationId}`, AdminOrgDetail)).name;
  } catch (error) {
    unstable_rethrow(error);
    return undefined;
  }
}

/** Every account: typo-tolerant search, filters and sort live in the URL (shareable views). */
export default async function AdminUsersPage({ params, searchParams }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('AdminUsers');
  const filters = parseAdminUserFilters(await searchParams);
  const [me, first, orgName] = await Promise.all([
    getMe(),
    firstPage(adminUserApiQuery(filters, { limit: ADMIN_USERS_PAGE })),
    organizationName(filters.organizationId),
  ]);
  const key = adminUserQuery(filters);

  return (
    <div className="flex flex-col gap-6">
      <PageTitle lead={t('lead')}>{t('title')}</PageTitle>
      <UsersFilters filters={filters} organizationName={orgName} />
      {first ? (
        // Keyed by the view: a new filter or sort starts from the server's fresh first page.
        <UsersTable key={`t${key}`} filters={filters} initial={first} timeZone={me?.timezone ?? 'UTC'} />
      ) : (
        <FormAlert>{t('unavailable')}</FormAlert>
      )}
    </div>
  );
}
