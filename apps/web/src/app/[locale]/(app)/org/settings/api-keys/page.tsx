import { canInOrg, type OrgSummary } from '@repo/contracts';
import { LockIcon } from 'lucide-react';
import type { Metadata } from 'next';
import { unstable_rethrow } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { PageTitle } from '@/components/layout/page-title';
import { getMe } from '@/lib/api/server';
import { getActiveOrganization } from '@/lib/orgs/active-org';
import { ImpersonationRestricted } from '../../../_components/impersonation-restricted';
import { ApiKeysManager } from './_components/api-keys-manager';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'ApiKeys' });
  return { title: t('title') };
}

/** `undefined` when the organizations could not be loaded (API error), `null` when there are none. */
async function activeOrganization(): Promise<OrgSummary | null | undefined> {
  try {
    return await getActiveOrganization();
  } catch (error) {
    unstable_rethrow(error);
    return undefined;
  }
}

/**
 * API keys of the active organization (A9). Owners and admins (`apikeys:manage`) manage them;
 * everyone else sees why they cannot. The API enforces the same permission on every route.
 */
export default async function ApiKeysPage({ params }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('ApiKeys');
  const [me, org] = await Promise.all([getMe(), activeOrganization()]);
  if (!me) return null; // the layout redirects
  if (me.impersonation) return <ImpersonationRestricted />;

  let body: ReactNode;
  if (org === undefined) body = <FormAlert>{t('unavailable')}</FormAlert>;
  else if (org === null) body = <FormAlert>{t('noOrg')}</FormAlert>;
  else if (!canInOrg(org.role, 'apikeys:manage')) {
    body = (
      <div className="flex items-start gap-3 rounded-xl border p-6" data-testid="api-keys-no-access">
        <LockIcon aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
        <div className="flex flex-col gap-1.5">
          <h2 className="font-semibold text-lg leading-tight">{t('noAccess.title')}</h2>
          <p className="text-muted-foreground text-sm">{t('noAccess.body', { org: org.name })}</p>
        </div>
      </div>
    );
  } else {
    // Keyed by organization: switching starts from a fresh list and never shows another one's secret.
    body = <ApiKeysManager key={org.id} orgId={org.id} orgName={org.name} timeZone={me.timezone} />;
  }

  return (
    <div className="flex flex-col gap-6">
      <PageTitle lead={org ? t('lead', { org: org.name }) : undefined}>{t('title')}</PageTitle>
      {body}
    </div>
  );
}
