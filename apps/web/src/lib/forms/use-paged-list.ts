'use client';

import { useRef, useState } from 'react';
import { useErrorText } from './error-text';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What is loading: a fresh first page (a new search or filter, a refresh) or the next one. */
export type PageLoad = 'reload' | 'more';

/**
 * The state of a cursor-paginated list: its rows, the cursor of the next page, the query the rows
 * answer, and which load is running. `reload(query)` replaces the rows with the first page for
 * `query`; `more()` appends the next page of the current one. A failure is shown through
 * `setError` (the list's own, or the one it shares with its row actions).
 */
export function usePagedList<T, Q>({
  initial,
  initialQuery,
  fetchPage,
  setError,
}: {
  initial: Page<T>;
  initialQuery: Q;
  fetchPage: (query: Q, cursor: string | undefined) => Promise<Page<T>>;
  setError: (message: string | null) => void;
}) {
  const errorText = useErrorText();
  const [items, setItems] = useState<T[]>(initial.items);
  const [nextCursor, setNextCursor] = useState(initial.nextCursor);
  const [applied, setApplied] = useState<Q>(initialQuery);
  const [loading, setLoading] = useState<PageLoad | null>(null);
  // Filters that apply as they change can start a load before the last one answered: only the
  // newest load may write the list.
  const latest = useRef(0);

  async function load(kind: PageLoad, query: Q) {
    const ticket = ++latest.current;
    setLoading(kind);
    setError(null);
    try {
      const page = await fetchPage(query, kind === 'more' ? (nextCursor ?? undefined) : undefined);
      if (ticket !== latest.current) return;
      setItems((current) => (kind === 'more' ? [...current, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
      setApplied(query);
    } catch (e) {
      if (ticket === latest.current) setError(errorText(e));
    } finally {
      if (ticket === latest.current) setLoading(null);
    }
  }

  return {
    items,
    setItems,
    nextCursor,
    applied,
    loading,
    reload: (query: Q) => load('reload', query),
    more: () => load('more', applied),
  };
}
