'use client';

import { CreateInvitationBody, Locale, type OrgRole } from '@repo/contracts';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useId } from 'react';
import { toast } from 'sonner';
import { FormAlert } from '@/components/form/form-alert';
import { SubmitButton } from '@/components/form/submit-button';
import { TextField } from '@/components/form/text-field';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { invitationsApi } from '@/lib/api/orgs';
import { useApiForm } from '@/lib/forms/use-api-form';
import { grantableRoles } from './role-options';

/**
 * Invite by email (members:invite). The role list stops at the inviter's own role; the API
 * enforces the same rule. The mail goes out in the inviter's language unless the address already
 * has an account (then in that account's language).
 */
export function InviteForm({
  orgId,
  myRole,
  onInvited,
}: {
  orgId: string;
  myRole: OrgRole;
  onInvited?: () => void;
}) {
  const t = useTranslations('Invitations.form');
  const roles = useTranslations('Orgs.roles');
  const locale = Locale.catch('en').parse(useLocale());
  const id = useId();
  const values = useCallback(
    (form: FormData) => ({
      email: String(form.get('email') ?? '').trim(),
      role: String(form.get('role') ?? 'member'),
      locale,
    }),
    [locale],
  );
  const form = useApiForm({
    schema: CreateInvitationBody,
    values,
    submit: async (body) => {
      const invitation = await invitationsApi.create(orgId, body);
      toast.success(t('sent', { email: invitation.email }));
      form.formRef.current?.reset();
      onInvited?.();
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
      data-testid="invite-form"
    >
      {form.formError ? <FormAlert>{form.formError}</FormAlert> : null}
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <TextField
          name="email"
          type="email"
          label={t('emailLabel')}
          autoComplete="off"
          inputMode="email"
          required
          error={form.fieldErrors.email}
        />
        <div className="flex flex-col gap-2">
          <Label htmlFor={`${id}-role`}>{t('roleLabel')}</Label>
          <NativeSelect id={`${id}-role`} name="role" defaultValue="member">
            {grantableRoles(myRole).map((role) => (
              <option key={role} value={role}>
                {roles(role)}
              </option>
            ))}
          </NativeSelect>
        </div>
      </div>
      <div>
        <SubmitButton pending={form.pending} label={t('submit')} pendingLabel={t('submitting')} />
      </div>
    </form>
  );
}
