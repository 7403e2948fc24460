'use client';

import { ChangePasswordBody } from '@repo/contracts';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { FormAlert } from '@/components/form/form-alert';
import { PasswordField } from '@/components/form/password-field';
import { SubmitButton } from '@/components/form/submit-button';
import { useRouter } from '@/i18n/navigation';
import { api } from '@/lib/api/client';
import { useApiForm } from '@/lib/forms/use-api-form';
import { useReauth } from '../../_components/reauth-provider';

const values = (form: FormData) => ({
  currentPassword: String(form.get('currentPassword') ?? ''),
  newPassword: String(form.get('newPassword') ?? ''),
});

export function ChangePasswordForm({ email }: { email: string }) {
  const t = useTranslations('Security.password');
  const _auth = useTranslations('Auth.common');
  const withReauth = useReauth();
  const router = useRouter();
  const form = useApiForm({
    schema: ChangePasswordBody,
    values,
    submit: async (body) => {
      await withReauth(() => api.post('/me/password', body));
      form.formRef.current?.reset();
      toast.success(t('done'));
      // Other sessions were revoked: the list below changes.
      router.refresh();
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
      {/* Lets password managers update the entry for this account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <PasswordField
        name="currentPassword"
        label={t('currentLabel')}
        autoComplete="current-password"
        error={form.fieldErrors.currentPassword}
      />
      <PasswordField
        name="newPassword"
        label={t('newLabel')}
        autoComplete="new-password"
        context={{ email }}
        error={form.fieldErrors.newPassword}
      />
      <div>
        <SubmitButton pending={form.pending} label={t('submit')} pendingLabel={t('submitting')} />
      </div>
    </form>
  );
}
