'use client';

import { Loader2Icon, SearchIcon } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { type FormEvent, useId, useState } from 'react';
import { InlineError } from '@/components/form/inline-error';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Link } from '@/i18n/navigation';
import { type AdminOrgPage, type AdminOrgRow, adminOrgsApi } from '@/lib/api/admin-orgs';
import { useErrorText } from '@/lib/forms/error-text';
import { TableScroll } from '../_components/admin-table';

const PAGE = 50;

/** Every organization: substring search on name or slug, newest first, "load more". */
export function OrgsPanel({ initial, timeZone }: { initial: AdminOrgPage; timeZone: string }) {
  const t = useTranslations('AdminOrgs');
  const format = useFormatter();
  const errorText = useErrorText();
  const searchId = useId();
  const [rows, setRows] = useState<AdminOrgRow[]>(initial.organizations);
  const [nextCursor, setNextCursor] = useState(initial.nextCursor);
  const [query, setQuery] = useState('');
  const [applied, setApplied] = useState('');
  const [loading, setLoading] = useState<'search' | 'more' | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function load(kind: 'search' | 'more', q: string) {
    setLoading(kind);
    setError(null);
    try {
      const page = await adminOrgsApi.list({
        q,
        limit: PAGE,
        cursor: kind === 'more' ? nextCursor : undefined,
      });
      setRows((current) => (kind === 'more' ? [...current, ...page.organizations] : page.organizations));
      setNextCursor(page.nextCursor);
      setApplied(q);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(null);
    }
  }

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void load('search', query);
  }

  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeZone });

  return (
    <div className="flex flex-col gap-4">
      <search>
        <form onSubmit={onSearch} className="flex flex-wrap items-end gap-2" data-testid="admin-orgs-search">
          <div className="flex min-w-48 flex-1 flex-col gap-2">
            <Label htmlFor={searchId}>{t('searchLabel')}</Label>
            <Input
              id={searchId}
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              maxLength={100}
              autoComplete="off"
            />
          </div>
          <Button type="submit" variant="outline" disabled={loading !== null}>
            {loading === 'search' ? (
              <Loader2Icon aria-hidden="true" className="animate-spin" />
            ) : (
              <SearchIcon aria-hidden="true" />
            )}
            {t('search')}
          </Button>
        </form>
      </search>
      <InlineError error={error} testId="admin-orgs-error" />
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed p-6 text-center text-muted-foreground text-sm">
          {applied ? t('noMatch', { query: applied }) : t('empty')}
        </p>
      ) : (
        <TableScroll label={t('tableCaption')}>
          <table
            className="w-full min-w-[40rem] text-sm"
            data-testid="admin-orgs-table"
            aria-busy={loading !== null}
          >
            <caption className="sr-only">{t('tableCaption')}</caption>
            <thead className="bg-muted/50 text-start">
              <tr>
                <th scope="col" className="p-3 text-start font-medium">
                  {t('columns.name')}
                </th>
                <th scope="col" className="p-3 text-start font-medium">
                  {t('columns.slug')}
                </th>
                <th scope="col" className="p-3 text-start font-medium">
                  {t('columns.type')}
                </th>
                <th scope="col" className="p-3 text-end font-medium">
                  {t('columns.members')}
                </th>
                <th scope="col" className="p-3 text-start font-medium">
                  {t('columns.created')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {rows.map((org) => (
                <tr key={org.id} data-testid="admin-org-row" data-slug={org.slug}>
                  <td className="p-3 font-medium">
                    <Link
                      href={`/admin/organizations/${org.id}`}
                      className="underline-offset-4 hover:underline"
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
            </tbody>
          </table>
        </TableScroll>
      )}
      {nextCursor ? (
        <Button
          variant="outline"
          className="self-center"
          disabled={loading !== null}
          onClick={() => void load('more', applied)}
          data-testid="admin-orgs-more"
        >
          {loading === 'more' ? <Loader2Icon aria-hidden="true" className="animate-spin" /> : null}
          {t('loadMore')}
        </Button>
      ) : null}
    </div>
  );
}
