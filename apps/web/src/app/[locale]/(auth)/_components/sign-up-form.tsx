'use client';

import { Locale, type PasswordContext, SignUpBody } from '@repo/contracts';
import { useLocale, useTranslations } from 'next-intl';
import { type RefObject, useCallback, useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { PasswordField } from '@/components/form/password-field';
import { SubmitButton } from '@/components/form/submit-button';
import { TextField } from '@/components/form/text-field';
import { api } from '@/lib/api/client';
import { useApiForm } from '@/lib/forms/use-api-form';

/** The sign-up fields; `onSent` gets the address once the API has accepted it. */
export function SignUpForm({
  onSent,
  formRef,
}: {
  onSent: (email: string) => void;
  /** Lets the screen focus the address field again ("wrong address?"). */
  formRef?: RefObject<HTMLFormElement | null>;
}) {
  const t = useTranslations('Auth');
  const locale = Locale.catch('en').parse(useLocale());
  // What the password must not contain, as typed so far (the server checks the same).
  const [context, setContext] = useState<PasswordContext>({});
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
      onSent(body.email);
    },
  });

  return (
    <form
      ref={(el) => {
        form.formRef.current = el;
        if (formRef) formRef.current = el;
      }}
      method="post"
      noValidate
      onSubmit={form.onSubmit}
      onChange={(event) => {
        const data = new FormData(event.currentTarget);
        setContext({ name: String(data.get('name') ?? ''), email: String(data.get('email') ?? '') });
      }}
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
      <PasswordField
        name="password"
        label={t('common.passwordLabel')}
        autoComplete="new-password"
        context={context}
        error={form.fieldErrors.password}
      />
      <SubmitButton pending={form.pending} label={t('signUp.submit')} pendingLabel={t('signUp.submitting')} />
    </form>
  );
}
