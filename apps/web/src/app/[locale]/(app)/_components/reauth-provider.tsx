'use client';

import dynamic from 'next/dynamic';
import { createContext, type ReactNode, useCallback, useContext, useState } from 'react';
import { ApiError, isApiError } from '@/lib/api/api-error';
import type { Pending } from './reauth-dialog';

type WithReauth = <T>(action: () => Promise<T>) => Promise<T>;
const ReauthContext = createContext<WithReauth | null>(null);

/** Thrown when the user closes the prompt; forms treat it as "nothing happened". */
export const reauthCancelled = () => new ApiError({ status: 0, code: 'reauth_cancelled' });

// The prompt (a dialog, a form and the contract schema it checks) loads the first time an action
// needs it, not with every signed-in page (ADR 0030).
const ReauthDialog = dynamic(() => import('./reauth-dialog').then((m) => m.ReauthDialog), { ssr: false });

/**
 * Sudo mode (A6): runs an action; when the API answers 403 reauth_required it asks for the
 * password in a dialog, POSTs /auth/reauthenticate, and runs the same action again.
 */
export function ReauthProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<Pending | null>(null);

  const withReauth = useCallback<WithReauth>(async (action) => {
    try {
      return await action();
    } catch (error) {
      if (!isApiError(error, 'reauth_required')) throw error;
      return new Promise((resolve, reject) => {
        setPending({
          retry: () => action().then(resolve, reject),
          cancel: () => reject(reauthCancelled()),
        });
      });
    }
  }, []);
  const close = useCallback(() => setPending(null), []);

  return (
    <ReauthContext.Provider value={withReauth}>
      {children}
      {pending ? <ReauthDialog pending={pending} onClose={close} /> : null}
    </ReauthContext.Provider>
  );
}

export function useReauth(): WithReauth {
  const value = useContext(ReauthContext);
  if (!value) throw new Error('useReauth outside ReauthProvider');
  return value;
}
