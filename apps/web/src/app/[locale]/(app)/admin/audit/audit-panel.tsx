'use client';

import type { AdminAuditLogItem, AdminAuditLogList } from '@repo/contracts';
import { DownloadIcon, Loader2Icon } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { OrgPicker, UserPicker } from '@/components/admin/entity-pickers';
import { clickableRowClass, DataTable, rowLinkClass } from '@/components/data-table';
import { InlineError } from '@/components/form/inline-error';
import { LoadMore } from '@/components/form/list-controls';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { Link } from '@/i18n/navigation';
import { type AuditFilters, adminAuditApi, auditExportUrl } from '@/lib/api/admin-audit';
import { usePagedList } from '@/lib/forms/use-paged-list';
import { datesFor } from '@/lib/i18n/dates';
import { cn } from '@/lib/utils';
import { AuditDetailDialog } from './audit-detail';
import { actionLabelKey, isTargetType, TARGET_TYPES, targetHref, targetTypeLabelKey } from './labels';

const PAGE = 50;
/** How long typing pauses before the list reloads. */
const TYPING_PAUSE_MS = 400;

type TextField = 'action' | 'targetType' | 'targetId' | 'from' | 'to';
type Form = Record<TextField, string> & {
  /** Every impersonation request as a row of its own, rather than a count on its start. */
  eachRequest: boolean;
  actorId: string | null;
  actorText: string | null;
  organizationId: string | null;
  organizationText: string | null;
  /** The picked target's name, when the target is an account or organization picked by name. */
  targetText: string | null;
};
const EMPTY: Form = {
  eachRequest: false,
  action: '',
  targetType: '',
  targetId: '',
  from: '',
  to: '',
  actorId: null,
  actorText: null,
  organizationId: null,
  organizationText: null,
  targetText: null,
};

/** `datetime-local` values are the browser's local time: send them as instants. */
const instant = (local: string) => {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

const toFilters = (form: Form): AuditFilters => ({
  actorId: form.actorId ?? undefined,
  action: form.action,
  targetType: form.targetType,
  targetId: form.targetId,
  organizationId: form.organizationId ?? undefined,
  from: instant(form.from),
  to: instant(form.to),
  requests: form.eachRequest ? 'each' : 'grouped',
});

type Props = {
  initial: AdminAuditLogList;
  /** Filters the page was opened with (`?actorId=…` from a user's page), already applied to `initial`. */
  initialFilters: AuditFilters;
  timeZone: string;
};

/**
 * The audit log, newest first: filters that apply as they change (people and organizations
 * picked by name), "load more", rows that open their detail, and a CSV export of the same filters.
 */
export function AuditPanel({ initial, initialFilters, timeZone }: Props) {
  const t = useTranslations('AdminAudit');
  const format = useFormatter();
  const ids = useId();
  const [form, setForm] = useState<Form>({
    ...EMPTY,
    action: initialFilters.action ?? '',
    targetType: initialFilters.targetType ?? '',
    targetId: initialFilters.targetId ?? '',
    eachRequest: initialFilters.requests === 'each',
    actorId: initialFilters.actorId ?? null,
    organizationId: initialFilters.organizationId ?? null,
  });
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const {
    items: rows,
    nextCursor,
    applied,
    loading,
    reload,
    more,
  } = usePagedList<AdminAuditLogItem, AuditFilters>({
    initial,
    initialQuery: initialFilters,
    fetchPage: (filters, cursor) => adminAuditApi.list(filters, cursor, PAGE),
    setError,
  });

  function apply(next: Form, after = 0) {
    clearTimeout(timer.current);
    if (after) timer.current = setTimeout(() => void reload(toFilters(next)), after);
    else void reload(toFilters(next));
  }

  function update(patch: Partial<Form>, typing = false) {
    const next = { ...form, ...patch };
    setForm(next);
    apply(next, typing ? TYPING_PAUSE_MS : 0);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    apply(form);
  }

  const field = (
    name: TextField,
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
        onChange={(e) => update({ [name]: e.target.value }, props.type !== 'datetime-local')}
        autoComplete="off"
        maxLength={128}
      />
    </div>
  );

  // Accounts and organizations are picked by name, like the actor; other targets by id.
  const targetPicker = {
    id: `${ids}-targetId`,
    value: form.targetId || null,
    selectedText: form.targetText ?? undefined,
    onChange: (targetId: string | null, targetText: string | null) =>
      update({ targetId: targetId ?? '', targetText }),
    'data-testid': 'audit-filter-target',
  };

  const dates = datesFor(format, timeZone);
  // `requests` is how rows are shown, not a filter: an empty log is empty either way.
  const filtered = Object.entries(applied).some(([key, v]) => key !== 'requests' && v);
  const actionLabel = (action: string) => {
    const key = actionLabelKey(action);
    return key ? t(key as 'title') : action;
  };
  const targetLabel = (type: string) => {
    const key = targetTypeLabelKey(type);
    return key ? t(key as 'title') : type;
  };

  return (
    <div className="flex flex-col gap-4">
      <search>
        <form
          onSubmit={onSubmit}
          className="flex flex-col gap-3 rounded-lg border p-4"
          data-testid="audit-filters"
          aria-busy={loading === 'reload'}
        >
          <div className="flex flex-wrap gap-3">
            {field('action', t('filters.action'), { placeholder: 'org.*', dir: 'ltr' })}
            <div className="flex min-w-56 flex-1 flex-col gap-2">
              <Label htmlFor={`${ids}-actor`}>{t('filters.actor')}</Label>
              <UserPicker
                id={`${ids}-actor`}
                value={form.actorId}
                selectedText={form.actorText ?? undefined}
                onChange={(actorId, actorText) => update({ actorId, actorText })}
                data-testid="audit-filter-actor"
              />
            </div>
            <div className="flex min-w-56 flex-1 flex-col gap-2">
              <Label htmlFor={`${ids}-org`}>{t('filters.organization')}</Label>
              <OrgPicker
                id={`${ids}-org`}
                value={form.organizationId}
                selectedText={form.organizationText ?? undefined}
                onChange={(organizationId, organizationText) => update({ organizationId, organizationText })}
                data-testid="audit-filter-organization"
              />
            </div>
          </div>
          <div className="flex flex-wrap gap-3">
            <div className="flex min-w-40 flex-1 flex-col gap-2">
              <Label htmlFor={`${ids}-targetType`}>{t('filters.targetType')}</Label>
              <NativeSelect
                id={`${ids}-targetType`}
                name="targetType"
                value={form.targetType}
                // A new type makes the old target meaningless: it is cleared with it.
                onChange={(e) => update({ targetType: e.target.value, targetId: '', targetText: null })}
              >
                <option value="">{t('filters.targetTypeAny')}</option>
                {/* A type from the URL this build has no label for still shows, as its code. */}
                {[
                  ...TARGET_TYPES,
                  ...(form.targetType && !isTargetType(form.targetType) ? [form.targetType] : []),
                ].map((type) => (
                  <option key={type} value={type}>
                    {targetLabel(type)}
                  </option>
                ))}
              </NativeSelect>
            </div>
            {form.targetType === 'user' || form.targetType === 'organization' ? (
              <div className="flex min-w-56 flex-1 flex-col gap-2">
                <Label htmlFor={`${ids}-targetId`}>{t('filters.target')}</Label>
                {form.targetType === 'user' ? (
                  <UserPicker {...targetPicker} />
                ) : (
                  <OrgPicker {...targetPicker} />
                )}
              </div>
            ) : (
              field('targetId', t('filters.targetId'), { dir: 'ltr' })
            )}
            {field('from', t('filters.from'), { type: 'datetime-local' })}
            {field('to', t('filters.to'), { type: 'datetime-local' })}
          </div>
          <div className="flex items-center gap-2">
            <input
              id={`${ids}-each`}
              type="checkbox"
              checked={form.eachRequest}
              onChange={(e) => update({ eachRequest: e.target.checked })}
              className="size-4 accent-primary"
              data-testid="audit-each-request"
            />
            <Label htmlFor={`${ids}-each`} className="font-normal">
              {t('filters.eachRequest')}
            </Label>
          </div>
          <p className="text-muted-foreground text-xs">{t('filters.hint')}</p>
          <div className="flex flex-wrap items-center gap-2">
            <Button
              type="button"
              variant="ghost"
              onClick={() => {
                setForm(EMPTY);
                apply(EMPTY);
              }}
              disabled={loading !== null}
            >
              {t('filters.reset')}
            </Button>
            {loading === 'reload' ? (
              <Loader2Icon aria-hidden="true" className="size-4 animate-spin text-muted-foreground" />
            ) : null}
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
        {rows.map((row) => {
          const href = targetHref(row.targetType, row.targetId);
          return (
            <tr key={row.id} data-testid="audit-row" data-action={row.action} className={clickableRowClass}>
              <td className="p-3 whitespace-nowrap">
                <time dateTime={row.createdAt} title={row.createdAt}>
                  {dates.dateTime(row.createdAt)}
                </time>
              </td>
              <td className="p-3">
                <span title={t('rawCode', { code: row.action })} data-testid="audit-action">
                  {actionLabel(row.action)}
                </span>
                {row.impersonationRequests !== undefined && row.targetId ? (
                  <button
                    type="button"
                    className="relative z-10 block text-start text-muted-foreground text-xs underline underline-offset-4 hover:text-foreground"
                    onClick={() =>
                      update({
                        ...EMPTY,
                        eachRequest: true,
                        action: 'impersonation.request',
                        actorId: row.targetId,
                      })
                    }
                    data-testid="audit-impersonation-requests"
                  >
                    {t('requestsDuring', { count: row.impersonationRequests })}
                  </button>
                ) : null}
              </td>
              <td className="p-3">
                {row.actor ? (
                  <span className="flex flex-col">
                    <Link
                      href={`/admin/users/${row.actor.id}`}
                      className="relative z-10 underline-offset-4 hover:underline"
                      title={row.actor.id}
                    >
                      {row.actor.name}
                    </Link>
                    <bdi dir="ltr" className="text-muted-foreground text-xs">
                      {row.actor.email}
                    </bdi>
                  </span>
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
                  <span
                    className="flex flex-col"
                    title={`${row.targetType}${row.targetId ? `:${row.targetId}` : ''}`}
                    data-testid="audit-target"
                  >
                    <span>{targetLabel(row.targetType)}</span>
                    {row.targetId ? (
                      href ? (
                        <Link
                          href={href}
                          className="relative z-10 max-w-56 truncate font-mono text-xs underline-offset-4 hover:underline"
                          dir="ltr"
                        >
                          {row.targetId}
                        </Link>
                      ) : (
                        <bdi dir="ltr" className="max-w-56 truncate font-mono text-muted-foreground text-xs">
                          {row.targetId}
                        </bdi>
                      )
                    ) : null}
                  </span>
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
                  aria-label={t('viewLabel', {
                    action: actionLabel(row.action),
                    time: dates.dateTime(row.createdAt),
                  })}
                  className={cn(rowLinkClass)}
                  data-testid="audit-view"
                >
                  {t('view')}
                </Button>
              </td>
            </tr>
          );
        })}
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
