'use client';

import { Loader2Icon, SearchIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useId, useRef, useState, useTransition } from 'react';
import { OrgPicker } from '@/components/admin/entity-pickers';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { useRouter } from '@/i18n/navigation';
import { type AdminUserFilters, adminUserQuery, parseAdminUserFilters } from '@/lib/api/admin-users';

const selects = [
  { name: 'role', options: ['user', 'admin'] },
  { name: 'status', options: ['active', 'disabled', 'deleted'] },
  { name: 'verified', options: ['true', 'false'] },
  { name: 'twoFactor', options: ['true', 'false'] },
] as const;
type Field = 'q' | 'organizationId' | (typeof selects)[number]['name'];
type Values = Record<Field, string>;

const valuesOf = (filters: AdminUserFilters): Values => ({
  q: filters.q ?? '',
  role: filters.role ?? '',
  status: filters.status ?? '',
  verified: filters.verified ?? '',
  twoFactor: filters.twoFactor ?? '',
  organizationId: filters.organizationId ?? '',
});

/** How long typing pauses before the search runs. */
const TYPING_PAUSE_MS = 350;

/**
 * Search and filters. They apply as they change (a pick at once, typing after a short pause,
 * Enter at once) by rewriting the URL, so the view can be shared or reloaded. The fields keep
 * their own state: the page re-renders under them without taking the caret away.
 */
export function UsersFilters({
  filters,
  organizationName,
}: {
  filters: AdminUserFilters;
  /** The filtered organization's name, read by the page, so the picker shows it on arrival. */
  organizationName?: string | undefined;
}) {
  const t = useTranslations('AdminUsers');
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [values, setValues] = useState<Values>(() => valuesOf(filters));
  const [orgText, setOrgText] = useState<string | null>(organizationName ?? null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  function apply(next: Values, mode: 'push' | 'replace' = 'push') {
    clearTimeout(timer.current);
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(next)) if (value.trim()) params.set(name, value.trim());
    const parsed = parseAdminUserFilters(params);
    // The sort survives a new search, except relevance: with a query and no sort the API ranks.
    const href = `/admin/users${adminUserQuery({ ...parsed, sort: filters.sort, order: filters.order })}`;
    startTransition(() => (mode === 'push' ? router.push(href) : router.replace(href)));
  }

  function change(name: Field, value: string) {
    const next = { ...values, [name]: value };
    setValues(next);
    if (name === 'q') {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => apply(next, 'replace'), TYPING_PAUSE_MS);
    } else apply(next);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    apply(values);
  }

  const active = Object.values(values).some((v) => v);

  return (
    <search>
      <form
        onSubmit={onSubmit}
        className="flex flex-wrap items-end gap-3"
        data-testid="admin-users-filters"
        aria-busy={pending}
      >
        <div className="flex min-w-56 flex-[2] flex-col gap-2">
          <Label htmlFor={`${id}-q`}>{t('searchLabel')}</Label>
          <Input
            id={`${id}-q`}
            name="q"
            type="search"
            value={values.q}
            onChange={(e) => change('q', e.target.value)}
            maxLength={100}
            autoComplete="off"
            placeholder={t('searchPlaceholder')}
          />
        </div>
        {selects.map(({ name, options }) => (
          <div key={name} className="flex min-w-32 flex-1 flex-col gap-2">
            <Label htmlFor={`${id}-${name}`}>{t(`filters.${name}`)}</Label>
            <NativeSelect
              id={`${id}-${name}`}
              name={name}
              value={values[name]}
              onChange={(e) => change(name, e.target.value)}
            >
              <option value="">{t(`filters.${name}Any`)}</option>
              {options.map((value) => (
                <option key={value} value={value}>
                  {t(`filters.${name}Options.${value}`)}
                </option>
              ))}
            </NativeSelect>
          </div>
        ))}
        <div className="flex min-w-56 flex-[2] flex-col gap-2">
          <Label htmlFor={`${id}-organizationId`}>{t('filters.organization')}</Label>
          <OrgPicker
            id={`${id}-organizationId`}
            value={values.organizationId || null}
            selectedText={orgText ?? undefined}
            onChange={(organizationId, text) => {
              setOrgText(text);
              change('organizationId', organizationId ?? '');
            }}
            data-testid="admin-users-org-filter"
          />
        </div>
        <div className="flex gap-2">
          <Button type="submit" disabled={pending} data-testid="admin-users-search">
            {pending ? (
              <Loader2Icon aria-hidden="true" className="animate-spin" />
            ) : (
              <SearchIcon aria-hidden="true" />
            )}
            {t('apply')}
          </Button>
          {active ? (
            <Button
              type="button"
              variant="ghost"
              onClick={() => {
                const empty = valuesOf({});
                setValues(empty);
                setOrgText(null);
                apply(empty);
              }}
            >
              {t('clear')}
            </Button>
          ) : null}
        </div>
      </form>
    </search>
  );
}
