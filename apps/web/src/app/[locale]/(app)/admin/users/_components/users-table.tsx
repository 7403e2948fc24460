'use client';

import type { AdminUserList, AdminUserListItem, AdminUserSort } from '@repo/contracts';
import { Loader2Icon } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import {
  type Column,
  clickableRowClass,
  DataTable,
  Empty,
  rowLinkClass,
  tdClass,
} from '@/components/data-table';
import { InlineError } from '@/components/form/inline-error';
import { Button } from '@/components/ui/button';
import { UserAvatar } from '@/components/user-avatar';
import { Link } from '@/i18n/navigation';
import {
  ADMIN_USERS_PAGE,
  type AdminUserFilters,
  adminUserQuery,
  adminUsersApi,
} from '@/lib/api/admin-users';
import { useErrorText } from '@/lib/forms/error-text';
import { datesFor } from '@/lib/i18n/dates';
import { cn } from '@/lib/utils';
import { RoleBadge, StatusBadge, YesNo } from './user-badges';

type Props = { filters: AdminUserFilters; initial: AdminUserList; timeZone: string };

const defaultOrder = (sort: AdminUserSort) => (sort === 'createdAt' ? 'desc' : 'asc');

/** The sort the API applies for these filters (relevance has no column). */
function effectiveSort(filters: AdminUserFilters): { sort: AdminUserSort; order: 'asc' | 'desc' } | null {
  if (filters.sort) return { sort: filters.sort, order: filters.order ?? defaultOrder(filters.sort) };
  if (filters.q) return null;
  return { sort: 'createdAt', order: 'desc' };
}

/**
 * A header that sorts the list by `column`: the current order shown, a click gives the other one
 * (or the column's default order when the list is sorted by another column).
 */
function sortColumn(
  column: AdminUserSort,
  header: string,
  filters: AdminUserFilters,
  label: (order: 'asc' | 'desc') => string,
): Column {
  const current = effectiveSort(filters);
  const direction = current?.sort === column ? current.order : null;
  const nextOrder = direction ? (direction === 'asc' ? 'desc' : 'asc') : defaultOrder(column);
  return {
    header,
    sort: {
      direction,
      href: `/admin/users${adminUserQuery({ ...filters, sort: column, order: nextOrder })}`,
      label: label(nextOrder),
      testId: `admin-users-sort-${column}`,
    },
  };
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

  const when = (iso: string | null | undefined) => datesFor(format, timeZone).dateTime(iso, t('never'));

  const sortable = (column: AdminUserSort, header: string) =>
    sortColumn(column, header, filters, (order) => t(order === 'asc' ? 'sortAscending' : 'sortDescending'));

  if (users.length === 0) {
    return <Empty>{filters.q ? t('noMatch', { query: filters.q }) : t('empty')}</Empty>;
  }

  return (
    <div className="flex flex-col gap-4">
      <DataTable
        label={t('tableLabel')}
        scrollTestId="admin-users-table"
        busy={loading}
        columns={[
          sortable('name', t('columns.name')),
          sortable('email', t('columns.email')),
          t('columns.role'),
          t('columns.status'),
          t('columns.verified'),
          t('columns.twoFactor'),
          sortable('createdAt', t('columns.createdAt')),
          t('columns.lastSignIn'),
        ]}
      >
        {users.map((u) => (
          <tr key={u.id} data-testid="admin-user-row" data-email={u.email} className={clickableRowClass}>
            <td className={tdClass}>
              <span className="flex items-center gap-2">
                <UserAvatar name={u.name} src={u.avatarUrl} testId="admin-user-avatar" />
                <Link
                  href={`/admin/users/${u.id}`}
                  className={cn('font-medium underline-offset-4 hover:underline', rowLinkClass)}
                  data-testid="admin-user-link"
                >
                  {u.name}
                </Link>
              </span>
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
      </DataTable>
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
