'use client';

import type { AdminAuditLogDetail } from '@repo/contracts';
import { useFormatter, useTranslations } from 'next-intl';
import { type ReactNode, useEffect, useState } from 'react';
import { DataTable } from '@/components/data-table';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Link } from '@/i18n/navigation';
import { adminAuditApi } from '@/lib/api/admin-audit';
import { useErrorText } from '@/lib/forms/error-text';
import { datesFor } from '@/lib/i18n/dates';
import { cn } from '@/lib/utils';
import { type DiffRow, diffRows } from './diff';

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; entry: AdminAuditLogDetail };

const changeClass: Record<DiffRow['change'], string> = {
  added: 'border-s-4 border-s-green-600 bg-green-500/10',
  removed: 'border-s-4 border-s-red-600 bg-red-500/10',
  changed: 'border-s-4 border-s-amber-600 bg-amber-500/10',
  unchanged: '',
};

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-muted-foreground text-xs">{label}</dt>
      <dd className="break-all text-sm">{children}</dd>
    </div>
  );
}

/** One audit entry: who, what, where from, and the before/after diff field by field. */
export function AuditDetailDialog({
  id,
  onClose,
  timeZone,
}: {
  id: string | null;
  onClose: () => void;
  timeZone: string;
}) {
  const t = useTranslations('AdminAudit');
  const format = useFormatter();
  const errorText = useErrorText();
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    if (!id) return;
    const controller = new AbortController();
    setState({ status: 'loading' });
    adminAuditApi.get(id).then(
      (entry) => {
        if (!controller.signal.aborted) setState({ status: 'ready', entry });
      },
      (e) => {
        if (!controller.signal.aborted) setState({ status: 'error', message: errorText(e) });
      },
    );
    return () => controller.abort();
  }, [id, errorText]);

  const entry = state.status === 'ready' ? state.entry : null;
  const mono = (value: string | null | undefined) =>
    value ? (
      <bdi dir="ltr" className="font-mono text-xs">
        {value}
      </bdi>
    ) : (
      '—'
    );

  return (
    <Dialog open={id !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent
        closeLabel={t('detail.close')}
        className="max-h-[90dvh] max-w-3xl overflow-y-auto"
        data-testid="audit-detail"
      >
        <DialogHeader>
          <DialogTitle>{t('detail.title')}</DialogTitle>
          <DialogDescription>
            {entry ? (
              <bdi dir="ltr" className="font-mono" data-testid="audit-detail-action">
                {entry.action}
              </bdi>
            ) : (
              t('detail.loading')
            )}
          </DialogDescription>
        </DialogHeader>
        {state.status === 'loading' ? (
          <div aria-busy="true" className="h-24 animate-pulse rounded bg-muted" />
        ) : state.status === 'error' ? (
          <p role="alert" className="text-destructive text-sm">
            {state.message}
          </p>
        ) : entry ? (
          <div className="flex flex-col gap-4">
            <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              <Meta label={t('columns.time')}>
                <time dateTime={entry.createdAt} title={entry.createdAt}>
                  {datesFor(format, timeZone).dateTime(entry.createdAt)}
                </time>
              </Meta>
              <Meta label={t('columns.actor')}>
                {entry.actor ? (
                  <>
                    {entry.actor.name} (<bdi dir="ltr">{entry.actor.email}</bdi>)
                  </>
                ) : (
                  t('system')
                )}
              </Meta>
              {entry.impersonatorId ? (
                <Meta label={t('impersonatedBy')}>
                  <Link
                    href={`/admin/users/${entry.impersonatorId}`}
                    className="underline underline-offset-4"
                  >
                    {mono(entry.impersonatorId)}
                  </Link>
                </Meta>
              ) : null}
              <Meta label={t('columns.target')}>
                {mono(
                  entry.targetType
                    ? `${entry.targetType}${entry.targetId ? `:${entry.targetId}` : ''}`
                    : null,
                )}
              </Meta>
              <Meta label={t('organizationId')}>{mono(entry.organizationId)}</Meta>
              <Meta label={t('columns.ip')}>{mono(entry.ip)}</Meta>
              <Meta label={t('detail.requestId')}>{mono(entry.requestId)}</Meta>
              <Meta label={t('detail.userAgent')}>{entry.userAgent ?? '—'}</Meta>
            </dl>
            <h3 className="font-semibold text-base">{t('detail.changes')}</h3>
            {entry.diff ? (
              <DiffTable before={entry.diff.before} after={entry.diff.after} />
            ) : (
              <p className="text-muted-foreground text-sm">{t('detail.noDiff')}</p>
            )}
          </div>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function DiffTable({ before, after }: { before: unknown; after: unknown }) {
  const t = useTranslations('AdminAudit.detail');
  const rows = diffRows(before, after);
  if (rows.length === 0) return <p className="text-muted-foreground text-sm">{t('noDiff')}</p>;
  const cell = (value: string | null) =>
    value === null ? (
      <span className="text-muted-foreground">—</span>
    ) : (
      <pre dir="ltr" className="whitespace-pre-wrap break-all font-mono text-xs">
        {value}
      </pre>
    );
  return (
    <DataTable
      label={t('changes')}
      testId="audit-diff"
      minWidth="32rem"
      columns={[t('field'), t('before'), t('after')]}
    >
      {rows.map((row) => (
        <tr key={row.key} className={cn(changeClass[row.change])} data-change={row.change}>
          <th scope="row" className="px-3 py-2 text-start align-top font-normal">
            <bdi dir="ltr" className="font-mono text-xs">
              {row.key}
            </bdi>
            {/* The colour is a hint; the word says it. */}
            <span className="block text-muted-foreground text-xs">{t(`change.${row.change}`)}</span>
          </th>
          <td className="px-3 py-2 align-top">{cell(row.before)}</td>
          <td className="px-3 py-2 align-top">{cell(row.after)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
