'use client';

import { CreateOrgBody } from '@repo/contracts';
import { useLocale, useTranslations } from 'next-intl';
import { FormAlert } from '@/components/form/form-alert';
import { SubmitButton } from '@/components/form/submit-button';
import { TextField } from '@/components/form/text-field';
import { orgsApi } from '@/lib/api/orgs';
import { useApiForm } from '@/lib/forms/use-api-form';

const values = (form: FormData) => {
  const slug = String(form.get('slug') ?? '').trim();
  return { name: String(form.get('name') ?? ''), ...(slug ? { slug } : {}) };
};

/** Name and optional URL name; the creator becomes its owner and it becomes the active one. */
export function CreateOrgForm() {
  const t = useTranslations('Orgs.create');
  const locale = useLocale();
  const form = useApiForm({
    schema: CreateOrgBody,
    values,
    submit: async (body) => {
      const created = await orgsApi.create(body);
      // The API makes it active already; saying so again keeps this page right if that changes.
      await orgsApi.setActive(created.id).catch(() => undefined);
      // A full navigation: the header's switcher and every server component see the new org.
      window.location.assign(`/${locale}/org/settings/general?created=1`);
      await new Promise(() => {});
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
      data-testid="create-org-form"
    >
      {form.formError ? <FormAlert>{form.formError}</FormAlert> : null}
      <TextField
        name="name"
        label={t('nameLabel')}
        autoComplete="organization"
        required
        maxLength={80}
        error={form.fieldErrors.name}
      />
      <TextField
        name="slug"
        label={t('slugLabel')}
        hint={t('slugHint')}
        dir="ltr"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={48}
        // The schema's own message is English; the rule is the same for every slug error.
        error={form.fieldErrors.slug ? t('slugInvalid') : undefined}
      />
      <div>
        <SubmitButton pending={form.pending} label={t('submit')} pendingLabel={t('submitting')} />
      </div>
    </form>
  );
}
