'use client';

import { DeleteOrgBody } from '@repo/contracts';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { FormAlert } from '@/components/form/form-alert';
import { InlineError } from '@/components/form/inline-error';
import { SubmitButton } from '@/components/form/submit-button';
import { TextField } from '@/components/form/text-field';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { ApiError } from '@/lib/api/api-error';
import { orgsApi } from '@/lib/api/orgs';
import { useErrorText } from '@/lib/forms/error-text';
import { useApiForm } from '@/lib/forms/use-api-form';
import { useReauth } from '../../../_components/reauth-provider';

/** After the organization is gone for this user, the app reopens on another one. */
function leaveTo(locale: string) {
  window.location.assign(`/${locale}/dashboard`);
}

export function LeaveOrg({ orgId, name }: { orgId: string; name: string }) {
  const t = useTranslations('OrgSettings.danger');
  const locale = useLocale();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function leave() {
    setPending(true);
    setError(null);
    try {
      await orgsApi.leave(orgId);
      toast.success(t('left', { name }));
      leaveTo(locale);
    } catch (e) {
      // The last owner gets 409 last_owner: the Errors catalog says what to do first.
      setError(errorText(e));
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <InlineError error={error} testId="leave-error" />
      <div>
        <ConfirmDialog
          trigger={
            <Button variant="outline" disabled={pending} data-testid="leave-org">
              {t('leave')}
            </Button>
          }
          title={t('confirmLeaveTitle', { name })}
          description={t('confirmLeaveBody')}
          confirmLabel={t('leave')}
          cancelLabel={t('cancel')}
          onConfirm={() => void leave()}
        />
      </div>
    </div>
  );
}

/**
 * Deleting asks for the slug typed out (checked here and again by the API: 400
 * confirmation_mismatch), then sudo (a password prompt when the last sign-in is old).
 */
export function DeleteOrg({ orgId, name, slug }: { orgId: string; name: string; slug: string }) {
  const t = useTranslations('OrgSettings.danger');
  const locale = useLocale();
  const withReauth = useReauth();
  const [open, setOpen] = useState(false);
  const form = useApiForm({
    schema: DeleteOrgBody,
    values: (data: FormData) => ({ confirm: String(data.get('confirm') ?? '').trim() }),
    submit: async (body) => {
      if (body.confirm !== slug) throw new ApiError({ status: 400, code: 'confirmation_mismatch' });
      await withReauth(() => orgsApi.remove(orgId, body.confirm));
      toast.success(t('deleted', { name }));
      leaveTo(locale);
      await new Promise(() => {});
    },
  });

  return (
    <Dialog open={open} onOpenChange={(next) => !form.pending && setOpen(next)}>
      <DialogTrigger asChild>
        <Button variant="destructive" data-testid="delete-org">
          {t('delete')}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t('cancel')}>
        <DialogHeader>
          <DialogTitle>{t('confirmDeleteTitle', { name })}</DialogTitle>
          <DialogDescription>{t('confirmDeleteBody')}</DialogDescription>
        </DialogHeader>
        <form
          ref={form.formRef}
          method="post"
          noValidate
          onSubmit={form.onSubmit}
          className="flex flex-col gap-4"
          aria-busy={form.pending}
        >
          {form.formError ? <FormAlert>{form.formError}</FormAlert> : null}
          <TextField
            name="confirm"
            label={t('confirmLabel', { slug })}
            dir="ltr"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            error={form.fieldErrors.confirm}
          />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)} disabled={form.pending}>
              {t('cancel')}
            </Button>
            <SubmitButton
              variant="destructive"
              pending={form.pending}
              label={t('deleteConfirm')}
              pendingLabel={t('deleting')}
            />
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
