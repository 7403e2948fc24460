'use client';

import { Locale, PASSWORD_MIN_LENGTH, SignUpBody } from '@repo/contracts';
import { MailCheckIcon } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { SubmitButton } from '@/components/form/submit-button';
import { TextField } from '@/components/form/text-field';
import { api } from '@/lib/api/client';
import { useApiForm } from '@/lib/forms/use-api-form';

export function SignUpForm() {
  const t = useTranslations('Auth');
  const locale = Locale.catch('en').parse(useLocale());
  const [sentTo, setSentTo] = useState<string | null>(null);
  const values = useCallback(
    (form: FormData) => ({
      name: String(form.get('name') ?? ''),
      email: String(form.get('email') ?? '').trim(),
      password: String(form.get('password') ?? ''),
      locale,
    }),
    [locale],
  );
  const form = useApiForm({
    schema: SignUpBody,
    values,
    submit: async (body) => {
      // 202 for new and existing addresses alike (no enumeration): the mail says which it was.
      await api.post('/auth/sign-up', body);
      setSentTo(body.email);
    },
  });

  if (sentTo) {
    return (
      <div role="status" data-testid="sign-up-done" className="flex flex-col items-center gap-3 text-center">
        <MailCheckIcon aria-hidden="true" className="size-10 text-success" />
        <h2 className="font-semibold text-lg">{t('signUp.checkInboxTitle')}</h2>
        <p className="text-muted-foreground text-sm">
          {t.rich('signUp.checkInboxBody', {
            address: sentTo,
            email: (chunks) => (
              <bdi dir="ltr" className="font-medium text-foreground">
                {chunks}
              </bdi>
            ),
          })}
        </p>
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
      {form.formError ? <FormAlert>{form.formError}</FormAlert> : null}
      <TextField
        name="name"
        label={t('common.nameLabel')}
        autoComplete="name"
        required
        error={form.fieldErrors.name}
      />
      <TextField
        name="email"
        type="email"
        label={t('common.emailLabel')}
        autoComplete="email"
        inputMode="email"
        required
        error={form.fieldErrors.email}
      />
      <TextField
        name="password"
        type="password"
        label={t('common.passwordLabel')}
        autoComplete="new-password"
        required
        hint={t('common.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        error={form.fieldErrors.password}
      />
      <SubmitButton pending={form.pending} label={t('signUp.submit')} pendingLabel={t('signUp.submitting')} />
    </form>
  );
}
