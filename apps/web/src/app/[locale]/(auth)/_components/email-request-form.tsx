'use client';

import { EmailOnlyBody } from '@repo/contracts';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { SubmitButton } from '@/components/form/submit-button';
import { TextField } from '@/components/form/text-field';
import { api } from '@/lib/api/client';
import { useApiForm } from '@/lib/forms/use-api-form';

const values = (form: FormData) => ({ email: String(form.get('email') ?? '').trim() });

/**
 * "Send me a link" for forgot-password and verification resend. The API answers 202 for every
 * address, so the confirmation never says whether an account exists.
 */
export function EmailRequestForm({
  endpoint,
  submitLabel,
  pendingLabel,
  done,
}: {
  endpoint: string;
  submitLabel: string;
  pendingLabel: string;
  /** Auth message shown after sending; it receives `{email}`. */
  done: 'forgot.doneBody' | 'verify.resendDone';
}) {
  const t = useTranslations('Auth');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useApiForm({
    schema: EmailOnlyBody,
    values,
    submit: async (body) => {
      await api.post(endpoint, body);
      setSentTo(body.email);
    },
  });

  if (sentTo) return <FormAlert variant="success">{t(done, { email: sentTo })}</FormAlert>;
  return (
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
        name="email"
        type="email"
        label={t('common.emailLabel')}
        autoComplete="email"
        inputMode="email"
        required
        error={form.fieldErrors.email}
      />
      <SubmitButton pending={form.pending} label={submitLabel} pendingLabel={pendingLabel} />
    </form>
  );
}
