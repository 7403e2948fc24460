'use client';

import { SignInResponse, TwoFactorVerifyBody } from '@repo/contracts';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { SubmitButton } from '@/components/form/submit-button';
import { TextField } from '@/components/form/text-field';
import { Button } from '@/components/ui/button';
import { isApiError } from '@/lib/api/api-error';
import { api } from '@/lib/api/client';
import { useApiForm } from '@/lib/forms/use-api-form';
import { withLocale } from '@/lib/i18n/locale-path';

/**
 * Answers that mean the pending sign-in itself is gone (expired, used up, unknown): the only way
 * on is a new sign-in. two_factor_invalid (a wrong code) is not one of them.
 */
const CHALLENGE_GONE = new Set([
  'token_invalid',
  'token_expired',
  'link_invalid',
  'unauthorized',
  'not_found',
  'two_factor_challenge_invalid',
  'two_factor_challenge_expired',
  'challenge_expired',
  'challenge_invalid',
]);

type Props = {
  challengeToken: string;
  next: string;
  /** Back to the password step (or the sign-in page when the step is its own page). */
  onRestart: () => void;
};

/** Second sign-in step: a TOTP code (or a backup code) for a pending challenge. */
export function TwoFactorStep({ challengeToken, next, onRestart }: Props) {
  const t = useTranslations('TwoFactor.step');
  const errors = useTranslations('Errors');
  const [mode, setMode] = useState<'totp' | 'backup'>('totp');
  const [gone, setGone] = useState(false);
  const headingId = useId();
  const form = useApiForm({
    schema: TwoFactorVerifyBody,
    values: (data: FormData) => {
      const rememberDevice = data.get('rememberDevice') === 'on';
      return mode === 'totp'
        ? { challengeToken, code: String(data.get('code') ?? '').replace(/\s+/g, ''), rememberDevice }
        : { challengeToken, backupCode: String(data.get('backupCode') ?? '').trim(), rememberDevice };
    },
    submit: async (body) => {
      const session = await api.post('/auth/two-factor', body, { schema: SignInResponse });
      // In the language saved in the profile, as after a one-step sign-in.
      window.location.assign(withLocale(next, session.user.locale));
      await new Promise(() => {});
    },
    onError: (error) => {
      if (isApiError(error) && CHALLENGE_GONE.has(error.code)) {
        setGone(true);
        return true;
      }
      return false;
    },
  });

  if (gone) {
    return (
      <div className="flex flex-col gap-4" data-testid="two-factor-expired">
        <FormAlert>{errors('two_factor_challenge_expired')}</FormAlert>
        <Button type="button" onClick={onRestart}>
          {t('restart')}
        </Button>
      </div>
    );
  }

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4" data-testid="two-factor-step">
      <div className="flex flex-col gap-1.5">
        <h2 id={headingId} className="font-semibold text-lg leading-tight">
          {t('title')}
        </h2>
        <p className="text-muted-foreground text-sm">{mode === 'totp' ? t('leadTotp') : t('leadBackup')}</p>
      </div>
      <form
        ref={form.formRef}
        method="post"
        noValidate
        onSubmit={form.onSubmit}
        className="flex flex-col gap-4"
        aria-busy={form.pending}
      >
        {form.formError ? <FormAlert>{form.formError}</FormAlert> : null}
        {mode === 'totp' ? (
          <TextField
            key="code"
            name="code"
            label={t('codeLabel')}
            autoComplete="one-time-code"
            inputMode="numeric"
            pattern="[0-9]*"
            maxLength={6}
            dir="ltr"
            className="[&_input]:font-mono [&_input]:tracking-[0.3em] rtl:[&_input]:text-end"
            autoFocus
            required
            error={form.fieldErrors.code}
          />
        ) : (
          <TextField
            key="backupCode"
            name="backupCode"
            label={t('backupLabel')}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            dir="ltr"
            className="[&_input]:font-mono rtl:[&_input]:text-end"
            autoFocus
            required
            error={form.fieldErrors.backupCode}
          />
        )}
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="rememberDevice"
            className="size-4 accent-primary"
            data-testid="remember-device"
          />
          {t('remember')}
        </label>
        <SubmitButton pending={form.pending} label={t('submit')} pendingLabel={t('submitting')} />
      </form>
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <Button
          type="button"
          variant="link"
          className="h-auto p-0"
          onClick={() => {
            form.setFormError(null);
            setMode(mode === 'totp' ? 'backup' : 'totp');
          }}
        >
          {mode === 'totp' ? t('useBackup') : t('useTotp')}
        </Button>
        <Button type="button" variant="link" className="h-auto p-0" onClick={onRestart}>
          {t('restart')}
        </Button>
      </div>
    </section>
  );
}
