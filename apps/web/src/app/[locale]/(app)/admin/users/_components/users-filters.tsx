'use client';

import { Loader2Icon, SearchIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useId, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { Link, useRouter } from '@/i18n/navigation';
import { type AdminUserFilters, adminUserQuery, parseAdminUserFilters } from '@/lib/api/admin-users';

const selects = [
  { name: 'role', options: ['user', 'admin'] },
  { name: 'status', options: ['active', 'disabled', 'deleted'] },
  { name: 'verified', options: ['true', 'false'] },
  { name: 'twoFactor', options: ['true', 'false'] },
] as const;

/** Search and filters: applying them rewrites the URL, so the view can be shared or reloaded. */
export function UsersFilters({ filters }: { filters: AdminUserFilters }) {
  const t = useTranslations('AdminUsers');
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const [name, value] of data)
      if (typeof value === 'string' && value.trim()) next.set(name, value.trim());
    const parsed = parseAdminUserFilters(next);
    // The sort survives a new search, except relevance: with a query and no sort the API ranks.
    const href = `/admin/users${adminUserQuery({ ...parsed, sort: filters.sort, order: filters.order })}`;
    startTransition(() => router.push(href));
  }

  const active = Object.keys(filters).some((k) => k !== 'sort' && k !== 'order');

  return (
    <search>
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" data-testid="admin-users-filters">
        <div className="flex min-w-56 flex-[2] flex-col gap-2">
          <Label htmlFor={`${id}-q`}>{t('searchLabel')}</Label>
          <Input
            id={`${id}-q`}
            name="q"
            type="search"
            defaultValue={filters.q ?? ''}
            maxLength={100}
            autoComplete="off"
            placeholder={t('searchPlaceholder')}
          />
        </div>
        {selects.map(({ name, options }) => (
          <div key={name} className="flex min-w-32 flex-1 flex-col gap-2">
            <Label htmlFor={`${id}-${name}`}>{t(`filters.${name}`)}</Label>
            <NativeSelect id={`${id}-${name}`} name={name} defaultValue={filters[name] ?? ''}>
              <option value="">{t(`filters.${name}Any`)}</option>
              {options.map((value) => (
                <option key={value} value={value}>
                  {t(`filters.${name}Options.${value}`)}
                </option>
              ))}
            </NativeSelect>
          </div>
        ))}
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
            <Button variant="ghost" asChild>
              <Link href="/admin/users">{t('clear')}</Link>
            </Button>
          ) : null}
        </div>
      </form>
    </search>
  );
}
