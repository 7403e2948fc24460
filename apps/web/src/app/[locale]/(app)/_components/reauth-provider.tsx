'use client';

import { ReauthenticateBody } from '@repo/contracts';
import { useTranslations } from 'next-intl';
import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { SubmitButton } from '@/components/form/submit-button';
import { TextField } from '@/components/form/text-field';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { ApiError, isApiError } from '@/lib/api/api-error';
import { api } from '@/lib/api/client';
import { useApiForm } from '@/lib/forms/use-api-form';

type WithReauth = <T>(action: () => Promise<T>) => Promise<T>;
const ReauthContext = createContext<WithReauth | null>(null);

/** Thrown when the user closes the prompt; forms treat it as "nothing happened". */
export const reauthCancelled = () => new ApiError({ status: 0, code: 'reauth_cancelled' });

type Pending = { retry: () => void; cancel: () => void };
const values = (form: FormData) => ({ password: String(form.get('password') ?? '') });

/**
 * Sudo mode (A6): runs an action; when the API answers 403 reauth_required it asks for the
 * password in a dialog, POSTs /auth/reauthenticate, and runs the same action again.
 */
export function ReauthProvider({ children }: { children: ReactNode }) {
  const t = useTranslations('Reauth');
  const [pending, setPending] = useState<Pending | null>(null);
  const pendingRef = useRef<Pending | null>(null);
  pendingRef.current = pending;

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

  const form = useApiForm({
    schema: ReauthenticateBody,
    values,
    submit: async (body) => {
      await api.post('/auth/reauthenticate', body);
      const current = pendingRef.current;
      setPending(null);
      current?.retry();
    },
  });

  function onOpenChange(open: boolean) {
    if (open) return;
    pendingRef.current?.cancel();
    setPending(null);
  }

  return (
    <ReauthContext.Provider value={withReauth}>
      {children}
      <Dialog open={pending !== null} onOpenChange={onOpenChange}>
        <DialogContent closeLabel={t('cancel')} data-testid="reauth-dialog">
          <DialogHeader>
            <DialogTitle>{t('title')}</DialogTitle>
            <DialogDescription>{t('body')}</DialogDescription>
          </DialogHeader>
          <form
            ref={form.formRef}
            method="post"
            noValidate
            onSubmit={form.onSubmit}
            className="flex flex-col gap-4"
          >
            {form.formError ? <FormAlert>{form.formError}</FormAlert> : null}
            <TextField
              name="password"
              type="password"
              label={t('passwordLabel')}
              autoComplete="current-password"
              required
              autoFocus
              error={form.fieldErrors.password}
            />
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                {t('cancel')}
              </Button>
              <SubmitButton pending={form.pending} label={t('submit')} pendingLabel={t('submitting')} />
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </ReauthContext.Provider>
  );
}

export function useReauth(): WithReauth {
  const value = useContext(ReauthContext);
  if (!value) throw new Error('useReauth outside ReauthProvider');
  return value;
}
