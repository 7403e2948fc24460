'use client';

import { InvitationSignUpBody, Locale } from '@repo/contracts';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { PasswordField } from '@/components/form/password-field';
import { SubmitButton } from '@/components/form/submit-button';
import { TextField } from '@/components/form/text-field';
import { invitationsApi } from '@/lib/api/orgs';
import { useApiForm } from '@/lib/forms/use-api-form';
import { enterOrganization } from './enter-organization';

/**
 * Sign-up through an invitation: the address is the invited one (the link proves it, so no
 * verification mail), only name and password are asked. The API answers with a session.
 */
export function InvitationSignUpForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations('InvitationLanding');
  const auth = useTranslations('Auth.common');
  const uiLocale = useLocale();
  const locale = Locale.catch('en').parse(uiLocale);
  const values = useCallback(
    (form: FormData) => ({
      token,
      name: String(form.get('name') ?? ''),
      password: String(form.get('password') ?? ''),
      locale,
    }),
    [token, locale],
  );
  const form = useApiForm({
    schema: InvitationSignUpBody,
    values,
    submit: async (body) => {
      const accepted = await invitationsApi.signUp(body);
      await enterOrganization(uiLocale, accepted.organization.id);
    },
  });

  return (
    <form
      ref={form.formRef}
      method="post"
      noValidate
      onSubmit={form.onSubmit}
      className="flex flex-col gap-4"
      aria-busy={form.pending}
      data-testid="invitation-sign-up"
    >
      {form.formError ? <FormAlert>{form.formError}</FormAlert> : null}
      <div className="flex flex-col gap-2">
        <span className="font-medium text-sm leading-none">{auth('emailLabel')}</span>
        <bdi dir="ltr" className="text-muted-foreground text-sm" data-testid="invitation-sign-up-email">
          {email}
        </bdi>
      </div>
      <TextField
        name="name"
        label={auth('nameLabel')}
        autoComplete="name"
        required
        error={form.fieldErrors.name}
      />
      {/* Password managers file the new password under the invited address. */}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <PasswordField
        name="password"
        label={auth('passwordLabel')}
        autoComplete="new-password"
        context={{ email }}
        error={form.fieldErrors.password}
      />
      <SubmitButton pending={form.pending} label={t('signUpSubmit')} pendingLabel={t('signUpSubmitting')} />
    </form>
  );
}
