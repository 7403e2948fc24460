'use client';

import { ReauthenticateBody } from '@repo/contracts';
import { useTranslations } from 'next-intl';
import { FormAlert } from '@/components/form/form-alert';
import { PasswordField } from '@/components/form/password-field';
import { SubmitButton } from '@/components/form/submit-button';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { api } from '@/lib/api/client';
import { useApiForm } from '@/lib/forms/use-api-form';

/** The action waiting for the password: run it again, or give up. */
export type Pending = { retry: () => void; cancel: () => void };

const values = (form: FormData) => ({ password: String(form.get('password') ?? '') });

/**
 * The password prompt of sudo mode: POSTs /auth/reauthenticate, then runs the waiting action
 * again. Mounted by ReauthProvider only while an action waits; closing it cancels the action.
 */
export function ReauthDialog({ pending, onClose }: { pending: Pending; onClose: () => void }) {
  const t = useTranslations('Reauth');
  const form = useApiForm({
    schema: ReauthenticateBody,
    values,
    submit: async (body) => {
      await api.post('/auth/reauthenticate', body);
      onClose();
      pending.retry();
    },
  });

  function onOpenChange(open: boolean) {
    if (open) return;
    pending.cancel();
    onClose();
  }

  return (
    <Dialog open onOpenChange={onOpenChange}>
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
          <PasswordField
            name="password"
            label={t('passwordLabel')}
            autoComplete="current-password"
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
  );
}
