'use client';

import type { AdminAuditLogItem, AdminAuditLogList } from '@repo/contracts';
import { DownloadIcon, Loader2Icon, SearchIcon } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { type FormEvent, useId, useState } from 'react';
import { DataTable } from '@/components/data-table';
import { InlineError } from '@/components/form/inline-error';
import { LoadMore } from '@/components/form/list-controls';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { type AuditFilters, adminAuditApi, auditExportUrl } from '@/lib/api/admin-audit';
import { usePagedList } from '@/lib/forms/use-paged-list';
import { AuditDetailDialog } from './audit-detail';

const PAGE = 50;

type Form = {
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  organizationId: string;
  from: string;
  to: string;
};
const EMPTY: Form = {
  actorId: '',
  action: '',
  targetType: '',
  targetId: '',
  organizationId: '',
  from: '',
  to: '',
};

/** `datetime-local` values are the browser's local time: send them as instants. */
const instant = (local: string) => {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

const toFilters = (form: Form): AuditFilters => ({
  actorId: form.actorId,
  action: form.action,
  targetType: form.targetType,
  targetId: form.targetId,
  organizationId: form.organizationId,
  from: instant(form.from),
  to: instant(form.to),
});

/** The audit log, newest first: filters, "load more", a detail dialog and a CSV export of the same filters. */
export function AuditPanel({ initial, timeZone }: { initial: AdminAuditLogList; timeZone: string }) {
  const t = useTranslations('AdminAudit');
  const format = useFormatter();
  const ids = useId();
  const [form, setForm] = useState<Form>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const {
    items: rows,
    nextCursor,
    applied,
    loading,
    reload,
    more,
  } = usePagedList<AdminAuditLogItem, AuditFilters>({
    initial,
    initialQuery: {},
    fetchPage: (filters, cursor) => adminAuditApi.list(filters, cursor, PAGE),
    setError,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void reload(toFilters(form));
  }

  function onReset() {
    setForm(EMPTY);
    void reload({});
  }

  const field = (
    name: keyof Form,
    label: string,
    props: { type?: string; placeholder?: string; dir?: 'ltr' } = {},
  ) => (
    <div className="flex min-w-40 flex-1 flex-col gap-2">
      <Label htmlFor={`${ids}-${name}`}>{label}</Label>
      <Input
        id={`${ids}-${name}`}
        name={name}
        type={props.type ?? 'text'}
        placeholder={props.placeholder}
        dir={props.dir}
        value={form[name]}
        onChange={(e) => setForm((f) => ({ ...f, [name]: e.target.value }))}
        autoComplete="off"
        maxLength={128}
      />
    </div>
  );

  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'medium', timeZone });
  const filtered = Object.values(applied).some((v) => v);

  return (
    <div className="flex flex-col gap-4">
      <search>
        <form
          onSubmit={onSubmit}
          className="flex flex-col gap-3 rounded-lg border p-4"
          data-testid="audit-filters"
        >
          <div className="flex flex-wrap gap-3">
            {field('action', t('filters.action'), { placeholder: 'org.*', dir: 'ltr' })}
            {field('actorId', t('filters.actorId'), { dir: 'ltr' })}
            {field('organizationId', t('filters.organizationId'), { dir: 'ltr' })}
          </div>
          <div className="flex flex-wrap gap-3">
            {field('targetType', t('filters.targetType'), { dir: 'ltr' })}
            {field('targetId', t('filters.targetId'), { dir: 'ltr' })}
            {field('from', t('filters.from'), { type: 'datetime-local' })}
            {field('to', t('filters.to'), { type: 'datetime-local' })}
          </div>
          <p className="text-muted-foreground text-xs">{t('filters.hint')}</p>
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" disabled={loading !== null}>
              {loading === 'reload' ? (
                <Loader2Icon aria-hidden="true" className="animate-spin" />
              ) : (
                <SearchIcon aria-hidden="true" />
              )}
              {t('filters.apply')}
            </Button>
            <Button type="button" variant="ghost" onClick={onReset} disabled={loading !== null}>
              {t('filters.reset')}
            </Button>
            <Button asChild variant="outline" className="ms-auto">
              {/* A plain download: the gateway streams the API's CSV with the session cookies. */}
              <a href={auditExportUrl(applied)} download data-testid="audit-export">
                <DownloadIcon aria-hidden="true" />
                {t('export')}
              </a>
            </Button>
          </div>
        </form>
      </search>
      <InlineError error={error} testId="audit-error" />
      <DataTable
        label={t('tableCaption')}
        testId="audit-table"
        busy={loading !== null}
        rowCount={rows.length}
        empty={filtered ? t('noMatch') : t('empty')}
        columns={[
          t('columns.time'),
          t('columns.action'),
          t('columns.actor'),
          t('columns.target'),
          t('columns.ip'),
          { header: t('columns.details'), align: 'end', srOnly: true },
        ]}
      >
        {rows.map((row) => (
          <tr key={row.id} data-testid="audit-row" data-action={row.action}>
            <td className="p-3 whitespace-nowrap">{when(row.createdAt)}</td>
            <td className="p-3">
              <bdi dir="ltr" className="font-mono text-xs">
                {row.action}
              </bdi>
            </td>
            <td className="p-3">
              {row.actor ? (
                <bdi dir="ltr">{row.actor.email}</bdi>
              ) : (
                <span className="text-muted-foreground">{t('system')}</span>
              )}
              {row.impersonatorId ? (
                <span
                  className="block text-amber-700 text-xs dark:text-amber-300"
                  data-testid="audit-impersonated"
                >
                  {t('impersonated')}
                </span>
              ) : null}
            </td>
            <td className="p-3">
              {row.targetType ? (
                <bdi dir="ltr" className="font-mono text-xs">
                  {row.targetType}
                  {row.targetId ? `:${row.targetId}` : ''}
                </bdi>
              ) : (
                '—'
              )}
            </td>
            <td className="p-3">
              <bdi dir="ltr" className="font-mono text-xs">
                {row.ip ?? '—'}
              </bdi>
            </td>
            <td className="p-3 text-end">
              <Button
                variant="ghost"
                size="sm"
                onClick={() => setOpenId(row.id)}
                aria-label={t('viewLabel', { action: row.action, time: when(row.createdAt) })}
                data-testid="audit-view"
              >
                {t('view')}
              </Button>
            </td>
          </tr>
        ))}
      </DataTable>
      {nextCursor ? (
        <LoadMore
          label={t('loadMore')}
          busy={loading !== null}
          loading={loading === 'more'}
          onClick={() => void more()}
          testId="audit-more"
        />
      ) : null}
      <AuditDetailDialog id={openId} onClose={() => setOpenId(null)} timeZone={timeZone} />
    </div>
  );
}
