'use client';

import { Loader2Icon, SearchIcon } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

/** A list's search box: label, input and a button that spins while the search runs. */
export function ListSearch({
  label,
  submitLabel,
  busy,
  searching,
  onSearch,
  testId,
}: {
  label: string;
  submitLabel: string;
  /** Any load of the list is running: no second search meanwhile. */
  busy: boolean;
  /** This search is the load that runs. */
  searching: boolean;
  onSearch: (query: string) => void;
  testId: string;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch(query);
  }
  return (
    <search>
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2" data-testid={testId}>
        <div className="flex min-w-48 flex-1 flex-col gap-2">
          <Label htmlFor={id}>{label}</Label>
          <Input
            id={id}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            maxLength={100}
            autoComplete="off"
          />
        </div>
        <Button type="submit" variant="outline" disabled={busy}>
          {searching ? (
            <Loader2Icon aria-hidden="true" className="animate-spin" />
          ) : (
            <SearchIcon aria-hidden="true" />
          )}
          {submitLabel}
        </Button>
      </form>
    </search>
  );
}

/** "Load more" under a cursor-paginated list; spins while the next page loads. */
export function LoadMore({
  label,
  busy,
  loading,
  onClick,
  testId,
}: {
  label: string;
  busy: boolean;
  loading: boolean;
  onClick: () => void;
  testId: string;
}) {
  return (
    <Button variant="outline" className="self-center" disabled={busy} onClick={onClick} data-testid={testId}>
      {loading ? <Loader2Icon aria-hidden="true" className="animate-spin" /> : null}
      {label}
    </Button>
  );
}
