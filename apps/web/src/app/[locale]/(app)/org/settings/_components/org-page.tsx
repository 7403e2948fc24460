import 'server-only';
import { canInOrgAs, type OrgPermission, type OrgSummary } from '@repo/contracts';
import { unstable_rethrow } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { isImpersonating } from '@/lib/api/server';
import { getActiveOrganization } from '@/lib/orgs/active-org';

/** One failing panel (API error) should not take down the whole page. */
export async function optional<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    // Redirects (the 2FA policy's enrolment page) must still happen.
    unstable_rethrow(error);
    return null;
  }
}

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

export function PageTitle({ children, lead }: { children: ReactNode; lead?: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <h1 className="font-semibold text-2xl tracking-tight">{children}</h1>
      {lead ? <p className="text-muted-foreground text-sm">{lead}</p> : null}
    </div>
  );
}
