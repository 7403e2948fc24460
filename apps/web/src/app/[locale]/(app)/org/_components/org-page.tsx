import 'server-only';
import { canInOrgAs, type OrgPermission, type OrgSummary } from '@repo/contracts';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { isImpersonating } from '@/lib/api/server';
import { getActiveOrganization } from '@/lib/orgs/active-org';

/**
 * The active organization when the caller's role holds one of `needs`, else a page body that
 * says why there is nothing here (a role change, or a link from someone with more rights).
 */
export async function activeOrgFor(
  needs: OrgPermission[],
): Promise<{ org: OrgSummary; denied: null } | { org: null; denied: ReactNode }> {
  const [org, impersonating] = await Promise.all([getActiveOrganization(), isImpersonating()]);
  if (org && needs.some((p) => canInOrgAs(org.role, p, impersonating))) return { org, denied: null };
  const t = await getTranslations('OrgSettings');
  return {
    org: null,
    denied: (
      <div className="flex flex-col gap-6">
        <h1 className="font-semibold text-2xl tracking-tight">{t('noAccessTitle')}</h1>
        <FormAlert>{org ? t('noAccessBody') : t('noOrgBody')}</FormAlert>
      </div>
    ),
  };
}
