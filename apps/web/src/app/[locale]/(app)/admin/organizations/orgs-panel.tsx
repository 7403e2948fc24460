'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { clickableRowClass, DataTable, rowLinkClass } from '@/components/data-table';
import { InlineError } from '@/components/form/inline-error';
import { ListSearch, LoadMore } from '@/components/form/list-controls';
import { Badge } from '@/components/ui/badge';
import { Link } from '@/i18n/navigation';
import { type AdminOrgPage, type AdminOrgRow, adminOrgsApi } from '@/lib/api/admin-orgs';
import { usePagedList } from '@/lib/forms/use-paged-list';
import { datesFor } from '@/lib/i18n/dates';
import { cn } from '@/lib/utils';

const PAGE = 50;

/** Every organization: substring search on name or slug, newest first, "load more". */
export function OrgsPanel({ initial, timeZone }: { initial: AdminOrgPage; timeZone: string }) {
  const t = useTranslations('AdminOrgs');
  const format = useFormatter();
  const [error, setError] = useState<string | null>(null);
  const {
    items: rows,
    nextCursor,
    applied,
    loading,
    reload,
    more,
  } = usePagedList<AdminOrgRow, string>({
    initial: { items: initial.organizations, nextCursor: initial.nextCursor },
    initialQuery: '',
    fetchPage: async (q, cursor) => {
      const page = await adminOrgsApi.list({ q, limit: PAGE, cursor });
      return { items: page.organizations, nextCursor: page.nextCursor };
    },
    setError,
  });

  const when = datesFor(format, timeZone).date;

  return (
    <div className="flex flex-col gap-4">
      <ListSearch
        label={t('searchLabel')}
        submitLabel={t('search')}
        busy={loading !== null}
        searching={loading === 'reload'}
        onSearch={(q) => void reload(q)}
        testId="admin-orgs-search"
      />
      <InlineError error={error} testId="admin-orgs-error" />
      <DataTable
        label={t('tableCaption')}
        testId="admin-orgs-table"
        busy={loading !== null}
        minWidth="40rem"
        rowCount={rows.length}
        empty={applied ? t('noMatch', { query: applied }) : t('empty')}
        columns={[
          t('columns.name'),
          t('columns.slug'),
          t('columns.type'),
          { header: t('columns.members'), align: 'end' },
          t('columns.created'),
        ]}
      >
        {rows.map((org) => (
          <tr key={org.id} data-testid="admin-org-row" data-slug={org.slug} className={clickableRowClass}>
            <td className="p-3 font-medium">
              <Link
                href={`/admin/organizations/${org.id}`}
                className={cn('underline-offset-4 hover:underline', rowLinkClass)}
              >
                {org.name}
              </Link>
            </td>
            <td className="p-3">
              <bdi dir="ltr" className="font-mono text-xs">
                {org.slug}
              </bdi>
            </td>
            <td className="p-3">
              <Badge variant={org.personal ? 'secondary' : 'outline'}>
                {org.personal ? t('personal') : t('team')}
              </Badge>
            </td>
            <td className="p-3 text-end tabular-nums">{format.number(org.memberCount)}</td>
            <td className="p-3 whitespace-nowrap">{when(org.createdAt)}</td>
          </tr>
        ))}
      </DataTable>
      {nextCursor ? (
        <LoadMore
          label={t('loadMore')}
          busy={loading !== null}
          loading={loading === 'more'}
          onClick={() => void more()}
          testId="admin-orgs-more"
        />
      ) : null}
    </div>
  );
}
