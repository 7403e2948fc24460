'use client';

import { ResetPasswordBody } from '@repo/contracts';
import { useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { PasswordField } from '@/components/form/password-field';
import { SubmitButton } from '@/components/form/submit-button';
import { Button } from '@/components/ui/button';
import { Link } from '@/i18n/navigation';
import { api } from '@/lib/api/client';
import { useApiForm } from '@/lib/forms/use-api-form';

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations('Auth');
  const [done, setDone] = useState(false);
  const values = useCallback(
    (form: FormData) => ({ token, password: String(form.get('password') ?? '') }),
    [token],
  );
  const form = useApiForm({
    schema: ResetPasswordBody,
    values,
    submit: async (body) => {
      await api.post('/auth/password/reset', body);
      setDone(true);
    },
  });

  if (done) {
    return (
      <div className="flex flex-col gap-4">
        <FormAlert variant="success">
          <strong className="block font-semibold">{t('reset.doneTitle')}</strong>
          {t('reset.doneBody')}
        </FormAlert>
        <Button asChild>
          <Link href="/sign-in">{t('signIn.submit')}</Link>
        </Button>
      </div>
    );
  }
  return (
    <form
      ref={form.formRef}
      method="post"
      noValidate
      onSubmit={form.onSubmit}
      className="flex flex-col gap-4"
      aria-busy={form.pending}
    >
      {form.formError ? (
        <FormAlert>
          {form.formError}{' '}
          <Link href="/forgot-password" className="underline underline-offset-4">
            {t('reset.requestNew')}
          </Link>
        </FormAlert>
      ) : null}
      <PasswordField
        name="password"
        label={t('reset.passwordLabel')}
        autoComplete="new-password"
        error={form.fieldErrors.password}
      />
      <SubmitButton pending={form.pending} label={t('reset.submit')} pendingLabel={t('reset.submitting')} />
    </form>
  );
}
