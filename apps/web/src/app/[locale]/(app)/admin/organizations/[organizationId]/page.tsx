import { AdminOrgDetail, can } from '@repo/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { DataTable, tdClass } from '@/components/data-table';
import { PageTitle } from '@/components/layout/page-title';
import { Section } from '@/components/layout/section';
import { Badge } from '@/components/ui/badge';
import { Link } from '@/i18n/navigation';
import { isApiError } from '@/lib/api/api-error';
import { getMe, serverGet } from '@/lib/api/server';
import { datesFor } from '@/lib/i18n/dates';

type Props = { params: Promise<{ locale: string; organizationId: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function load(organizationId: string) {
  if (!UUID.test(organizationId)) notFound();
  try {
    return await serverGet(`/admin/organizations/${encodeURIComponent(organizationId)}`, AdminOrgDetail);
  } catch (error) {
    if (isApiError(error) && error.status === 404) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'AdminOrgs' });
  return { title: t('detailTitle') };
}

/** One organization as an admin sees it: members with roles, pending invitations, API keys, webhooks. */
export default async function AdminOrganizationPage({ params }: Props) {
  const { locale, organizationId } = await params;
  setRequestLocale(locale);
  const me = await getMe();
  if (!can(me?.role, 'admin:access')) notFound();
  const org = await load(organizationId);
  const t = await getTranslations('AdminOrgs');
  const roles = await getTranslations('Orgs.roles');
  const format = await getFormatter();
  const timeZone = me?.timezone ?? 'UTC';
  const when = (iso: string | null | undefined) => datesFor(format, timeZone).dateTime(iso, t('never'));

  return (
    <div className="flex flex-col gap-6" data-testid="admin-org-detail">
      <Link
        href="/admin/organizations"
        className="text-muted-foreground text-sm underline-offset-4 hover:underline"
      >
        {t('back')}
      </Link>
      <PageTitle
        lead={
          <>
            <bdi dir="ltr" className="font-mono">
              {org.slug}
            </bdi>
            {' · '}
            {org.personal ? t('personal') : t('team')}
            {' · '}
            {t('createdOn', { date: when(org.createdAt) })}
          </>
        }
      >
        {org.name}
      </PageTitle>

      <Section
        title={t('membersTitle', { count: org.members.length })}
        testId="admin-org-members"
        action={
          <Link
            href={`/admin/users?organizationId=${org.id}`}
            className="text-primary text-sm underline-offset-4 hover:underline"
            data-testid="admin-org-members-in-users"
          >
            {t('membersInUsers')}
          </Link>
        }
      >
        <DataTable
          label={t('membersTitle', { count: org.members.length })}
          empty={t('noMembers')}
          rowCount={org.members.length}
          columns={[t('columns.name'), t('columns.email'), t('columns.role'), t('columns.joined')]}
        >
          {org.members.map((m) => (
            <tr key={m.userId} data-testid="admin-org-member" data-email={m.email}>
              <td className={`${tdClass} font-medium`}>{m.name}</td>
              <td className={tdClass}>
                <bdi dir="ltr">{m.email}</bdi>
              </td>
              <td className={tdClass}>
                <Badge variant="outline">{roles(m.role)}</Badge>
              </td>
              <td className={`${tdClass} whitespace-nowrap`}>{when(m.joinedAt)}</td>
            </tr>
          ))}
        </DataTable>
      </Section>

      <Section title={t('invitationsTitle')} testId="admin-org-invitations">
        <DataTable
          label={t('invitationsTitle')}
          empty={t('noInvitations')}
          rowCount={org.invitations.length}
          columns={[t('columns.email'), t('columns.role'), t('columns.invitedBy'), t('columns.expires')]}
        >
          {org.invitations.map((i) => (
            <tr key={i.id} data-testid="admin-org-invitation">
              <td className={tdClass}>
                <bdi dir="ltr">{i.email}</bdi>
              </td>
              <td className={tdClass}>
                <Badge variant="outline">{roles(i.role)}</Badge>
              </td>
              <td className={tdClass}>{i.invitedBy?.name ?? t('unknown')}</td>
              <td className={`${tdClass} whitespace-nowrap`}>{when(i.expiresAt)}</td>
            </tr>
          ))}
        </DataTable>
      </Section>

      <Section title={t('apiKeysTitle')} testId="admin-org-api-keys">
        <DataTable
          label={t('apiKeysTitle')}
          empty={t('noApiKeys')}
          rowCount={org.apiKeys.length}
          columns={[
            t('columns.name'),
            t('columns.prefix'),
            t('columns.scopes'),
            t('columns.status'),
            t('columns.lastUsed'),
          ]}
        >
          {org.apiKeys.map((k) => (
            <tr key={k.id} data-testid="admin-org-api-key">
              <td className={`${tdClass} font-medium`}>{k.name}</td>
              <td className={tdClass}>
                <bdi dir="ltr" className="font-mono text-xs">
                  {k.prefix}
                </bdi>
              </td>
              <td className={tdClass}>
                <ul className="flex flex-wrap gap-1">
                  {k.scopes.map((s) => (
                    <li key={s}>
                      <Badge variant="secondary">
                        <bdi dir="ltr">{s}</bdi>
                      </Badge>
                    </li>
                  ))}
                </ul>
              </td>
              <td className={tdClass}>
                <Badge
                  variant={
                    k.status === 'active' ? 'success' : k.status === 'expiring' ? 'outline' : 'secondary'
                  }
                >
                  {t(`keyStatus.${k.status}`)}
                </Badge>
              </td>
              <td className={`${tdClass} whitespace-nowrap`}>{when(k.lastUsedAt)}</td>
            </tr>
          ))}
        </DataTable>
      </Section>

      <Section title={t('webhooksTitle')} testId="admin-org-webhooks">
        <DataTable
          label={t('webhooksTitle')}
          empty={t('noWebhooks')}
          rowCount={org.webhooks.length}
          columns={[
            t('columns.url'),
            t('columns.events'),
            t('columns.health'),
            t('columns.success'),
            t('columns.lastDelivery'),
          ]}
        >
          {org.webhooks.map((w) => (
            <tr key={w.id} data-testid="admin-org-webhook">
              <td className={`${tdClass} max-w-xs truncate`}>
                <bdi dir="ltr" className="font-mono text-xs" title={w.url}>
                  {w.url}
                </bdi>
              </td>
              <td className={tdClass}>
                <bdi dir="ltr" className="font-mono text-xs">
                  {w.eventTypes.join(', ')}
                </bdi>
              </td>
              <td className={tdClass}>
                <Badge
                  variant={
                    w.health === 'healthy' ? 'success' : w.health === 'failing' ? 'outline' : 'secondary'
                  }
                >
                  {t(`webhookHealth.${w.health}`)}
                </Badge>
                {w.disabledReason ? (
                  <span className="ms-2 text-muted-foreground text-xs">
                    {t(`webhookDisabled.${w.disabledReason}`)}
                  </span>
                ) : null}
              </td>
              <td className={`${tdClass} whitespace-nowrap`}>
                {w.finished24h === 0
                  ? t('noDeliveries')
                  : t('successRate', { succeeded: w.succeeded24h, finished: w.finished24h })}
              </td>
              <td className={`${tdClass} whitespace-nowrap`}>{when(w.lastDeliveryAt)}</td>
            </tr>
          ))}
        </DataTable>
      </Section>
    </div>
  );
}
