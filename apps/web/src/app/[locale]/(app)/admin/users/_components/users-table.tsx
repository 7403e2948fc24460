'use client';

import type { AdminUserList, AdminUserListItem, AdminUserSort } from '@repo/contracts';
import { ArrowDownIcon, ArrowUpDownIcon, ArrowUpIcon, Loader2Icon } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { InlineError } from '@/components/form/inline-error';
import { Button } from '@/components/ui/button';
import { Link } from '@/i18n/navigation';
import {
  ADMIN_USERS_PAGE,
  type AdminUserFilters,
  adminUserQuery,
  adminUsersApi,
} from '@/lib/api/admin-users';
import { useErrorText } from '@/lib/forms/error-text';
import { Empty, TableScroll, Th, tableClass, tdClass } from '../../_components/admin-table';
import { RoleBadge, StatusBadge, YesNo } from './user-badges';

type Props = { filters: AdminUserFilters; initial: AdminUserList; timeZone: string };

const defaultOrder = (sort: AdminUserSort) => (sort === 'createdAt' ? 'desc' : 'asc');

/** The sort the API applies for these filters (relevance has no column). */
function effectiveSort(filters: AdminUserFilters): { sort: AdminUserSort; order: 'asc' | 'desc' } | null {
  if (filters.sort) return { sort: filters.sort, order: filters.order ?? defaultOrder(filters.sort) };
  if (filters.q) return null;
  return { sort: 'createdAt', order: 'desc' };
}

function SortableTh({
  column,
  label,
  filters,
}: {
  column: AdminUserSort;
  label: string;
  filters: AdminUserFilters;
}) {
  const t = useTranslations('AdminUsers');
  const current = effectiveSort(filters);
  const active = current?.sort === column;
  const order = active ? current.order : null;
  const nextOrder = active ? (order === 'asc' ? 'desc' : 'asc') : defaultOrder(column);
  const href = `/admin/users${adminUserQuery({ ...filters, sort: column, order: nextOrder })}`;
  const Icon = order === 'asc' ? ArrowUpIcon : order === 'desc' ? ArrowDownIcon : ArrowUpDownIcon;
  return (
    <Th aria-sort={order === 'asc' ? 'ascending' : order === 'desc' ? 'descending' : 'none'}>
      <Link
        href={href}
        className="inline-flex items-center gap-1 rounded-sm hover:text-foreground"
        data-testid={`admin-users-sort-${column}`}
      >
        {label}
        <Icon aria-hidden="true" className="size-3.5" />
        <span className="sr-only">{t(nextOrder === 'asc' ? 'sortAscending' : 'sortDescending')}</span>
      </Link>
    </Th>
  );
}

export function UsersTable({ filters, initial, timeZone }: Props) {
  const t = useTranslations('AdminUsers');
  const format = useFormatter();
  const errorText = useErrorText();
  const [users, setUsers] = useState<AdminUserListItem[]>(initial.users);
  const [nextCursor, setNextCursor] = useState(initial.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function loadMore() {
    setLoading(true);
    setError(null);
    try {
      const page = await adminUsersApi.list(filters, { cursor: nextCursor, limit: ADMIN_USERS_PAGE });
      setUsers((list) => [...list, ...page.users]);
      setNextCursor(page.nextCursor);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  }

  const when = (iso: string | null) =>
    iso ? format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short', timeZone }) : t('never');

  if (users.length === 0) {
    return <Empty>{filters.q ? t('noMatch', { query: filters.q }) : t('empty')}</Empty>;
  }

  return (
    <div className="flex flex-col gap-4">
      <TableScroll label={t('tableLabel')} testId="admin-users-table">
        <table className={tableClass} aria-busy={loading}>
          <thead className="border-b bg-muted/40">
            <tr>
              <SortableTh column="name" label={t('columns.name')} filters={filters} />
              <SortableTh column="email" label={t('columns.email')} filters={filters} />
              <Th>{t('columns.role')}</Th>
              <Th>{t('columns.status')}</Th>
              <Th>{t('columns.verified')}</Th>
              <Th>{t('columns.twoFactor')}</Th>
              <SortableTh column="createdAt" label={t('columns.createdAt')} filters={filters} />
              <Th>{t('columns.lastSignIn')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {users.map((u) => (
              <tr key={u.id} data-testid="admin-user-row" data-email={u.email}>
                <td className={tdClass}>
                  <Link
                    href={`/admin/users/${u.id}`}
                    className="font-medium underline-offset-4 hover:underline"
                    data-testid="admin-user-link"
                  >
                    {u.name}
                  </Link>
                </td>
                <td className={tdClass}>
                  <bdi dir="ltr">{u.email}</bdi>
                </td>
                <td className={tdClass}>
                  <RoleBadge role={u.role} />
                </td>
                <td className={tdClass}>
                  <StatusBadge status={u.status} />
                </td>
                <td className={tdClass}>
                  <YesNo value={u.emailVerified} />
                </td>
                <td className={tdClass}>
                  <YesNo value={u.twoFactorEnabled} />
                </td>
                <td className={`${tdClass} whitespace-nowrap`}>{when(u.createdAt)}</td>
                <td className={`${tdClass} whitespace-nowrap`}>{when(u.lastSignInAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <InlineError error={error} testId="admin-users-error" />
      {nextCursor ? (
        <div>
          <Button
            variant="outline"
            onClick={() => void loadMore()}
            disabled={loading}
            data-testid="admin-users-more"
          >
            {loading ? <Loader2Icon aria-hidden="true" className="animate-spin" /> : null}
            {t('loadMore')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
