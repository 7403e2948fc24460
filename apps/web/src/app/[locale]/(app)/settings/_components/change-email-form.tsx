'use client';

import { ChangeEmailBody } from '@repo/contracts';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { SubmitButton } from '@/components/form/submit-button';
import { TextField } from '@/components/form/text-field';
import { api } from '@/lib/api/client';
import { useApiForm } from '@/lib/forms/use-api-form';
import { useReauth } from '../../_components/reauth-provider';

const values = (form: FormData) => ({ newEmail: String(form.get('newEmail') ?? '').trim() });

export function ChangeEmailForm() {
  const t = useTranslations('Security.email');
  const withReauth = useReauth();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useApiForm({
    schema: ChangeEmailBody,
    values,
    submit: async (body) => {
      setSentTo(null);
      await withReauth(() => api.post('/me/email', body));
      form.formRef.current?.reset();
      setSentTo(body.newEmail);
    },
  });

  return (
    <form
      ref={form.formRef}
      method="post"
      noValidate
      onSubmit={form.onSubmit}
      className="flex max-w-lg flex-col gap-4"
      aria-busy={form.pending}
    >
      {form.formError ? <FormAlert>{form.formError}</FormAlert> : null}
      {sentTo ? <FormAlert variant="success">{t('done', { email: sentTo })}</FormAlert> : null}
      <TextField
        name="newEmail"
        type="email"
        label={t('newLabel')}
        autoComplete="email"
        inputMode="email"
        required
        error={form.fieldErrors.newEmail}
      />
      <div>
        <SubmitButton pending={form.pending} label={t('submit')} pendingLabel={t('submitting')} />
      </div>
    </form>
  );
}
