'use client';

import {
  type AdminJob,
  type AdminJobCounts,
  type AdminJobList,
  type AdminJobState,
  AdminJobStates,
} from '@repo/contracts';
import { Loader2Icon, RefreshCwIcon } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { DataTable } from '@/components/data-table';
import { InlineError } from '@/components/form/inline-error';
import { LoadMore } from '@/components/form/list-controls';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Link } from '@/i18n/navigation';
import { adminJobsApi } from '@/lib/api/admin-jobs';
import { usePagedList } from '@/lib/forms/use-paged-list';
import { useRowActions } from '@/lib/forms/use-row-actions';
import { datesFor } from '@/lib/i18n/dates';
import { cn } from '@/lib/utils';

const TABS: AdminJobState[] = ['failed', 'waiting', 'active', 'delayed', 'completed'];
const PAGE = 20;

type Props = {
  queue: string;
  state: AdminJobState;
  counts: AdminJobCounts;
  initial: AdminJobList;
  timeZone: string;
};

/** Jobs of one queue in one state; failed ones show their error and stack, and can be retried. */
export function JobsPanel({ queue, state, counts, initial, timeZone }: Props) {
  const t = useTranslations('AdminJobs');
  const format = useFormatter();
  const [total, setTotal] = useState(initial.total);
  const { busy, error, setError, run } = useRowActions();
  const {
    items: jobs,
    setItems: setJobs,
    nextCursor,
    loading,
    reload,
    more,
  } = usePagedList<AdminJob, null>({
    initial,
    initialQuery: null,
    fetchPage: async (_, cursor) => {
      const page = await adminJobsApi.jobs(queue, state, cursor, PAGE);
      setTotal(page.total);
      return page;
    },
    setError,
  });

  const retry = (job: AdminJob) =>
    run(job.id, async () => {
      await adminJobsApi.retry(queue, job.id);
      setJobs((list) => list.filter((j) => j.id !== job.id));
      setTotal((n) => Math.max(0, n - 1));
      toast.success(t('retried', { id: job.id }));
    });

  const remove = (job: AdminJob) =>
    run(job.id, async () => {
      await adminJobsApi.remove(queue, job.id);
      setJobs((list) => list.filter((j) => j.id !== job.id));
      setTotal((n) => Math.max(0, n - 1));
      toast.success(t('removed', { id: job.id }));
    });

  const when = datesFor(format, timeZone).dateTime;

  return (
    <div className="flex flex-col gap-4">
      <nav aria-label={t('tabsLabel')} className="flex flex-wrap gap-1 border-b" data-testid="job-tabs">
        {TABS.filter((s) => AdminJobStates.includes(s)).map((s) => (
          <Link
            key={s}
            href={`/admin/jobs/${queue}?state=${s}`}
            aria-current={s === state ? 'page' : undefined}
            data-testid={`job-tab-${s}`}
            className={cn(
              '-mb-px border-b-2 px-3 py-2 text-sm',
              s === state
                ? 'border-primary font-medium'
                : 'border-transparent text-muted-foreground hover:text-foreground',
            )}
          >
            {t(`states.${s}`)} <span className="tabular-nums">({format.number(counts[s])})</span>
          </Link>
        ))}
      </nav>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-muted-foreground text-sm" aria-live="polite" data-testid="jobs-total">
          {t('total', { count: total, state: t(`states.${state}`) })}
        </p>
        <Button
          variant="outline"
          size="sm"
          onClick={() => void reload(null)}
          disabled={loading !== null}
          data-testid="jobs-refresh"
        >
          {loading === 'reload' ? (
            <Loader2Icon aria-hidden="true" className="animate-spin" />
          ) : (
            <RefreshCwIcon aria-hidden="true" />
          )}
          {t('refresh')}
        </Button>
      </div>
      <InlineError error={error} testId="jobs-error" />
      <DataTable
        label={t('tableCaption', { queue, state: t(`states.${state}`) })}
        testId="jobs-table"
        busy={loading !== null}
        minWidth="52rem"
        rowCount={jobs.length}
        empty={t('empty', { state: t(`states.${state}`) })}
        emptyTestId="jobs-empty"
        columns={[
          t('columns.job'),
          { header: t('columns.attempts'), align: 'end' },
          t('columns.created'),
          t('columns.finished'),
          state === 'failed' ? t('columns.error') : t('columns.data'),
          { header: t('columns.actions'), align: 'end', srOnly: true },
        ]}
      >
        {jobs.map((job) => (
          <tr
            key={job.id}
            data-testid="job-row"
            data-job-id={job.id}
            data-finished-on={job.finishedOn ?? ''}
            data-attempts={job.attemptsMade}
            className="align-top"
          >
            <td className="p-3">
              <bdi dir="ltr" className="font-mono text-xs">
                {job.id}
              </bdi>
              <span className="block text-muted-foreground text-xs">{job.name}</span>
            </td>
            <td className="p-3 text-end tabular-nums" data-testid="job-attempts">
              {job.attemptsMade} / {job.maxAttempts}
            </td>
            <td className="p-3 whitespace-nowrap">{when(job.timestamp)}</td>
            <td className="p-3 whitespace-nowrap">{when(job.finishedOn)}</td>
            <td className="max-w-md p-3">
              {state === 'failed' ? (
                <div className="flex flex-col gap-1">
                  {/* Three lines at most here; the stack below carries the whole message. */}
                  <p
                    className="line-clamp-3 break-words text-destructive"
                    title={job.failedReason ?? undefined}
                    data-testid="job-error"
                  >
                    {job.failedReason ?? '—'}
                  </p>
                  {job.stacktrace.length > 0 ? (
                    <details>
                      <summary className="cursor-pointer text-muted-foreground text-xs">{t('stack')}</summary>
                      <pre
                        dir="ltr"
                        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be keyboard-reachable (WCAG 2.1.1).
                        tabIndex={0}
                        className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-muted p-2 font-mono text-xs"
                      >
                        {job.stacktrace.at(-1)}
                      </pre>
                    </details>
                  ) : null}
                </div>
              ) : (
                <details>
                  <summary className="cursor-pointer text-muted-foreground text-xs">{t('showData')}</summary>
                  <pre
                    dir="ltr"
                    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be keyboard-reachable (WCAG 2.1.1).
                    tabIndex={0}
                    className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-muted p-2 font-mono text-xs"
                  >
                    {JSON.stringify(job.data, null, 2)}
                  </pre>
                </details>
              )}
            </td>
            <td className="p-3">
              <div className="flex justify-end gap-1">
                {state === 'failed' ? (
                  <ConfirmDialog
                    trigger={
                      <Button
                        size="sm"
                        variant="outline"
                        disabled={busy !== null}
                        aria-label={t('retryLabel', { id: job.id })}
                        data-testid="job-retry"
                      >
                        {t('retry')}
                      </Button>
                    }
                    title={t('retryTitle', { id: job.id })}
                    description={t('retryBody')}
                    confirmLabel={t('retry')}
                    cancelLabel={t('cancel')}
                    onConfirm={() => void retry(job)}
                  />
                ) : null}
                {state !== 'active' ? (
                  <ConfirmDialog
                    trigger={
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={busy !== null}
                        aria-label={t('removeLabel', { id: job.id })}
                        data-testid="job-remove"
                      >
                        {t('remove')}
                      </Button>
                    }
                    title={t('removeTitle', { id: job.id })}
                    description={t('removeBody')}
                    confirmLabel={t('remove')}
                    cancelLabel={t('cancel')}
                    onConfirm={() => void remove(job)}
                  />
                ) : null}
              </div>
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
          testId="jobs-more"
        />
      ) : null}
    </div>
  );
}
