'use client';

import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
} from 'react';
import { type EvaluatedFlags, FLAGS, isOn } from './keys';

const FlagsContext = createContext<EvaluatedFlags>({});

/** Hands the flags evaluated for this render (lib/flags/server.ts) to client components. */
export function FlagsProvider({ flags, children }: { flags: EvaluatedFlags; children: ReactNode }) {
  return (
    <FlagsContext.Provider value={flags}>
      <CompactTablesEffect enabled={isOn(flags, FLAGS.compactTables)} />
      {children}
    </FlagsContext.Provider>
  );
}

/** Whether a boolean flag is on for the signed-in user (false outside the provider). */
export function useFlag(key: string): boolean {
  return isOn(useContext(FlagsContext), key);
}

/** The variant a (multivariate) flag gives the signed-in user, if the flag exists. */
export function useFlagVariant(key: string): string | undefined {
  return useContext(FlagsContext)[key]?.variant;
}

// ── Compact tables (beta, `settings.compact-tables`) ────────────────────────────────────────
// A per-browser preference in localStorage: nothing is stored on the server.
const STORAGE_KEY = 'groundwork.compact-tables';
const CHANGE_EVENT = 'groundwork:compact-tables';

function subscribe(onChange: () => void) {
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener('storage', onChange);
  };
}

const read = () => {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
};

/** The stored preference and its setter (the toggle in the profile's Beta section). */
export function useCompactTablesPreference(): [boolean, (on: boolean) => void] {
  const value = useSyncExternalStore(subscribe, read, () => false);
  const set = useCallback((on: boolean) => {
    try {
      if (on) window.localStorage.setItem(STORAGE_KEY, '1');
      else window.localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage disabled: the toggle simply does not stick.
    }
    window.dispatchEvent(new Event(CHANGE_EVENT));
  }, []);
  return useMemo(() => [value, set], [value, set]);
}

/**
 * Applies the preference while the flag is on: `data-density="compact"` on <html> tightens table
 * rows. Turning the flag off (or killing it) drops the effect even if the preference is stored.
 */
function CompactTablesEffect({ enabled }: { enabled: boolean }) {
  const [preferred] = useCompactTablesPreference();
  const active = enabled && preferred;
  useEffect(() => {
    const root = document.documentElement;
    if (active) root.dataset.density = 'compact';
    else delete root.dataset.density;
    return () => {
      delete root.dataset.density;
    };
  }, [active]);
  if (!enabled) return null;
  // Unlayered, so it wins over the utility classes' padding on table cells.
  return <style>{"html[data-density='compact'] table :is(th, td) { padding-block: 0.25rem; }"}</style>;
}
