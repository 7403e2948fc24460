import { canInOrg, canInOrgAs, type OrgSummary, WebhookCatalog } from '@repo/contracts';
import type { Metadata } from 'next';
import { unstable_rethrow } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { PageTitle } from '@/components/layout/page-title';
import { Link } from '@/i18n/navigation';
import { optional } from '@/lib/api/optional';
import { getMe, serverGet } from '@/lib/api/server';
import { getActiveOrganization } from '@/lib/orgs/active-org';
import { EndpointDetail } from '../_components/endpoint-detail';
import { NoAccess } from '../_components/no-access';

type Props = { params: Promise<{ locale: string; endpointId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'Webhooks' });
  return { title: t('detail.title') };
}

async function activeOrganization(): Promise<OrgSummary | null | undefined> {
  try {
    return await getActiveOrganization();
  } catch (error) {
    unstable_rethrow(error);
    return undefined;
  }
}

/**
 * One webhook endpoint of the active organization: settings, secret, test event and delivery
 * log. The endpoint itself loads in the browser (it changes as the page acts on it).
 */
export default async function WebhookEndpointPage({ params }: Props) {
  const { locale, endpointId } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('Webhooks');
  const [me, org, catalog] = await Promise.all([
    getMe(),
    activeOrganization(),
    optional(serverGet('/webhooks/catalog', WebhookCatalog)),
  ]);
  if (!me) return null; // the layout redirects

  let body: ReactNode;
  if (org === undefined) body = <FormAlert>{t('unavailable')}</FormAlert>;
  else if (org === null) body = <FormAlert>{t('noOrg')}</FormAlert>;
  else if (!canInOrg(org.role, 'webhooks:read')) body = <NoAccess orgName={org.name} />;
  else {
    body = (
      <EndpointDetail
        key={`${org.id}:${endpointId}`}
        orgId={org.id}
        endpointId={endpointId}
        timeZone={me.timezone}
        canWrite={canInOrgAs(org.role, 'webhooks:write', Boolean(me.impersonation))}
        eventTypes={catalog?.events.map((e) => e.type) ?? []}
      />
    );
  }

  return (
    <div className="flex min-w-0 flex-col gap-6">
      <Link
        href="/org/settings/webhooks"
        className="text-muted-foreground text-sm underline-offset-4 hover:underline"
        data-testid="webhook-back"
      >
        {t('detail.back')}
      </Link>
      <PageTitle>{t('detail.title')}</PageTitle>
      {body}
    </div>
  );
}
