import { AdminAuditLogList, can } from '@repo/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { FormAlert } from '@/components/form/form-alert';
import { PageTitle } from '@/components/layout/page-title';
import { type AuditFilters, auditFilterQuery } from '@/lib/api/admin-audit';
import { optional } from '@/lib/api/optional';
import { getMe, serverGet } from '@/lib/api/server';
import { AuditPanel } from './audit-panel';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Filters a link may open the log with (a user's page links to `?actorId=…`). */
function linkedFilters(params: Record<string, string | string[] | undefined>): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of ['actorId', 'organizationId', 'action', 'targetType', 'targetId'] as const) {
    const value = params[key];
    if (typeof value === 'string' && value.trim() && value.length <= 128) filters[key] = value.trim();
  }
  return filters;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'AdminAudit' });
  return { title: t('title') };
}

export default async function AdminAuditPage({ params, searchParams }: Props) {
  setRequestLocale((await params).locale);
  const me = await getMe();
  if (!can(me?.role, 'admin:access')) notFound();
  const t = await getTranslations('AdminAudit');
  const filters = linkedFilters(await searchParams);
  // Impersonations' per-request trail folded into their start rows unless asked for (?requests=each).
  const requests = (await searchParams).requests === 'each' ? 'each' : 'grouped';
  const query = auditFilterQuery({ ...filters, requests }, { limit: '50' });
  const first = await optional(serverGet(`/admin/audit-logs?${query}`, AdminAuditLogList));
  return (
    <div className="flex flex-col gap-6">
      <PageTitle lead={t('lead')}>{t('title')}</PageTitle>
      {first ? (
        <AuditPanel
          initial={first}
          initialFilters={{ ...filters, requests }}
          timeZone={me?.timezone ?? 'UTC'}
        />
      ) : (
        <FormAlert>{t('unavailable')}</FormAlert>
      )}
    </div>
  );
}
