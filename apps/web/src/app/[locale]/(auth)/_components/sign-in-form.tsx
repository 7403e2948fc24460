'use client';

import { SignInBody, SignInOutcome } from '@repo/contracts';
import { useTranslations } from 'next-intl';
import { type ReactNode, useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { PasswordField } from '@/components/form/password-field';
import { SubmitButton } from '@/components/form/submit-button';
import { TextField } from '@/components/form/text-field';
import { Link } from '@/i18n/navigation';
import { isApiError } from '@/lib/api/api-error';
import { api } from '@/lib/api/client';
import { useApiForm } from '@/lib/forms/use-api-form';
import { withLocale } from '@/lib/i18n/locale-path';
import { ResendVerification } from './resend-verification';
import { TwoFactorStep } from './two-factor-step';

const values = (form: FormData) => ({
  email: String(form.get('email') ?? '').trim(),
  password: String(form.get('password') ?? ''),
});

/**
 * `alternatives` (e.g. the SSO buttons) show with the password step only: once a second factor is
 * asked for, offering another way in would only confuse.
 */
export function SignInForm({
  next,
  email,
  alternatives,
}: {
  next: string;
  /** Filled in, with the focus on the password (the address is known, e.g. just verified). */
  email?: string | undefined;
  alternatives?: ReactNode;
}) {
  const t = useTranslations('Auth');
  const [unverified, setUnverified] = useState<string | null>(null);
  const [challenge, setChallenge] = useState<string | null>(null);
  const form = useApiForm({
    schema: SignInBody,
    values,
    submit: async (body) => {
      setUnverified(null);
      const outcome = await api.post('/auth/sign-in', body, { schema: SignInOutcome });
      if ('twoFactorRequired' in outcome) {
        setChallenge(outcome.challengeToken);
        return;
      }
      // A full navigation: every server component of the next page renders with the new cookies,
      // in the language saved in the profile (one preference with the header's switcher).
      window.location.assign(withLocale(next, outcome.user.locale));
      // Stay "pending" while the browser navigates.
      await new Promise(() => {});
    },
    onError: (error) => {
      if (isApiError(error, 'email_not_verified')) {
        const email = form.formRef.current?.elements.namedItem('email');
        setUnverified(email instanceof HTMLInputElement ? email.value.trim() : '');
      }
      return false;
    },
  });

  if (challenge) {
    return <TwoFactorStep challengeToken={challenge} next={next} onRestart={() => setChallenge(null)} />;
  }

  return (
    <>
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
            {form.formError}
            {unverified ? <ResendVerification email={unverified} className="mt-2" /> : null}
          </FormAlert>
        ) : null}
        <TextField
          name="email"
          type="email"
          label={t('common.emailLabel')}
          autoComplete="email"
          inputMode="email"
          required
          defaultValue={email}
          error={form.fieldErrors.email}
        />
        <PasswordField
          name="password"
          label={t('common.passwordLabel')}
          autoComplete="current-password"
          autoFocus={email !== undefined}
          error={form.fieldErrors.password}
        />
        <div className="-mt-1 flex justify-end">
          <Link href="/forgot-password" className="text-primary text-sm underline-offset-4 hover:underline">
            {t('signIn.forgot')}
          </Link>
        </div>
        <SubmitButton
          pending={form.pending}
          label={t('signIn.submit')}
          pendingLabel={t('signIn.submitting')}
        />
      </form>
      {alternatives}
    </>
  );
}
