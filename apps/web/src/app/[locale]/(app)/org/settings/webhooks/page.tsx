import { canInOrg, canInOrgAs, type OrgSummary, WebhookCatalog } from '@repo/contracts';
import type { Metadata } from 'next';
import { unstable_rethrow } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { PageTitle } from '@/components/layout/page-title';
import { optional } from '@/lib/api/optional';
import { getMe, serverGet } from '@/lib/api/server';
import { getActiveOrganization } from '@/lib/orgs/active-org';
import { EventCatalog } from './_components/event-catalog';
import { NoAccess } from './_components/no-access';
import { WebhooksManager } from './_components/webhooks-manager';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'Webhooks' });
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
 * Webhook endpoints of the active organization (docs/webhooks.md): `webhooks:read` sees them,
 * `webhooks:write` (owners and admins) changes them. The API enforces the same on every route.
 */
export default async function WebhooksPage({ params }: Props) {
  setRequestLocale((await params).locale);
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
      <>
        <WebhooksManager
          key={org.id}
          orgId={org.id}
          orgName={org.name}
          timeZone={me.timezone}
          // An impersonating admin may look, not change (IMPERSONATION_DENIED_PERMISSIONS).
          canWrite={canInOrgAs(org.role, 'webhooks:write', Boolean(me.impersonation))}
          eventTypes={catalog?.events.map((e) => e.type) ?? []}
        />
        {catalog ? <EventCatalog catalog={catalog} /> : <FormAlert>{t('unavailable')}</FormAlert>}
      </>
    );
  }

  return (
    <div className="flex min-w-0 flex-col gap-6">
      <PageTitle lead={org ? t('lead', { org: org.name }) : undefined}>{t('title')}</PageTitle>
      {body}
    </div>
  );
}
