'use client';

import { useCallback, useState } from 'react';
import { isApiError } from '@/lib/api/api-error';
import { useErrorText } from './error-text';

/**
 * The state every list with per-row actions (revoke, retry, change role…) keeps: which row is
 * busy, and the localized error of the last failure. `run(key, action)` marks the row busy,
 * clears the error, and shows a failure — except a re-authentication the user cancelled, which
 * is not an error. `setError` is shared with the list's own loading.
 */
export function useRowActions() {
  const errorText = useErrorText();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (key: string, action: () => Promise<void>) => {
      setBusy(key);
      setError(null);
      try {
        await action();
      } catch (e) {
        if (!isApiError(e, 'reauth_cancelled')) setError(errorText(e));
      } finally {
        setBusy(null);
      }
    },
    [errorText],
  );
  return { busy, error, setError, run };
}
