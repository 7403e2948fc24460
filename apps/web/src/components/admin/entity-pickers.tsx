'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Combobox, type ComboboxOption } from '@/components/ui/combobox';
import { adminOrgsApi } from '@/lib/api/admin-orgs';
import { adminUsersApi } from '@/lib/api/admin-users';

const SUGGESTIONS = 10;
const TYPING_PAUSE_MS = 250;

/**
 * Options from a server search: the first suggestions on mount, then one request per pause in
 * typing; an answer that arrives after a newer query was typed is dropped.
 */
function useServerOptions(search: (q: string) => Promise<ComboboxOption[]>) {
  const [options, setOptions] = useState<ComboboxOption[]>([]);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const run = useCallback(
    (q: string) => {
      const ticket = ++latest.current;
      setLoading(true);
      search(q).then(
        (found) => {
          if (ticket !== latest.current) return;
          setOptions(found);
          setLoading(false);
        },
        () => {
          if (ticket !== latest.current) return;
          setOptions([]);
          setLoading(false);
        },
      );
    },
    [search],
  );

  useEffect(() => {
    run('');
    return () => clearTimeout(timer.current);
  }, [run]);

  const onSearch = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => run(q.trim()), TYPING_PAUSE_MS);
  };
  return { options, loading, onSearch };
}

type PickerProps = {
  id: string;
  value: string | null;
  /** The chosen one's name, to show it before (or without) a search that lists it. */
  selectedText?: string;
  onChange: (value: string | null, text: string | null) => void;
  'data-testid'?: string;
};

const searchUsers = async (q: string): Promise<ComboboxOption[]> => {
  const page = await adminUsersApi.list(q ? { q } : {}, { limit: SUGGESTIONS });
  return page.users.map((u) => ({
    value: u.id,
    text: `${u.name} (${u.email})`,
    label: (
      <span className="flex min-w-0 flex-col">
        <span className="truncate">{u.name}</span>
        <bdi dir="ltr" className="truncate text-muted-foreground text-xs">
          {u.email}
        </bdi>
      </span>
    ),
  }));
};

const searchOrgs = async (q: string): Promise<ComboboxOption[]> => {
  const page = await adminOrgsApi.list({ q, limit: SUGGESTIONS });
  return page.organizations.map((o) => ({
    value: o.id,
    text: o.name,
    label: (
      <span className="flex min-w-0 flex-col">
        <span className="truncate">{o.name}</span>
        <bdi dir="ltr" className="truncate font-mono text-muted-foreground text-xs">
          {o.slug}
        </bdi>
      </span>
    ),
  }));
};

type PickerLabels = Record<
  'placeholder' | 'search' | 'empty' | 'clear',
  Parameters<ReturnType<typeof useTranslations<'AdminPickers'>>>[0]
>;

/**
 * The combobox over one admin search: the same suggestions and typing pause for every kind of
 * entity; only the search and the four labels (keys of the `AdminPickers` messages) differ.
 */
function EntityPicker({
  id,
  value,
  selectedText,
  onChange,
  search,
  labels,
  ...rest
}: PickerProps & { search: (q: string) => Promise<ComboboxOption[]>; labels: PickerLabels }) {
  const t = useTranslations('AdminPickers');
  const { options, loading, onSearch } = useServerOptions(search);
  return (
    <Combobox
      id={id}
      value={value}
      selectedText={selectedText}
      onValueChange={(next, option) => onChange(next, option?.text ?? null)}
      options={options}
      onSearch={onSearch}
      loading={loading}
      loadingLabel={t('loading')}
      placeholder={t(labels.placeholder)}
      searchLabel={t(labels.search)}
      emptyText={t(labels.empty)}
      clearLabel={t(labels.clear)}
      data-testid={rest['data-testid']}
    />
  );
}

const USER_LABELS: PickerLabels = {
  placeholder: 'anyUser',
  search: 'searchUsers',
  empty: 'noUsers',
  clear: 'clearUser',
};
const ORG_LABELS: PickerLabels = {
  placeholder: 'anyOrg',
  search: 'searchOrgs',
  empty: 'noOrgs',
  clear: 'clearOrg',
};

/** Pick an account by name or email (the admin users search, typo-tolerant). */
export function UserPicker(props: PickerProps) {
  return <EntityPicker {...props} search={searchUsers} labels={USER_LABELS} />;
}

/** Pick an organization by name or slug. */
export function OrgPicker(props: PickerProps) {
  return <EntityPicker {...props} search={searchOrgs} labels={ORG_LABELS} />;
}
