'use client';

import { UpdateOrgBody } from '@repo/contracts';
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { toast } from 'sonner';
import { FormAlert } from '@/components/form/form-alert';
import { SubmitButton } from '@/components/form/submit-button';
import { TextField } from '@/components/form/text-field';
import { useRouter } from '@/i18n/navigation';
import { orgsApi } from '@/lib/api/orgs';
import { useApiForm } from '@/lib/forms/use-api-form';

type Props = { orgId: string; name: string; slug: string; readOnly: boolean };

/** Rename and re-slug (org:update). Members see the same fields, read-only. */
export function GeneralForm({ orgId, name, slug, readOnly }: Props) {
  const t = useTranslations('OrgSettings.general');
  const router = useRouter();
  // Only what changed is sent: an unchanged slug must not trip the uniqueness check.
  const values = useCallback(
    (form: FormData) => {
      const nextName = String(form.get('name') ?? '');
      const nextSlug = String(form.get('slug') ?? '').trim();
      return {
        ...(nextName.trim() !== name ? { name: nextName } : {}),
        ...(nextSlug !== slug ? { slug: nextSlug } : {}),
      };
    },
    [name, slug],
  );
  const form = useApiForm({
    schema: UpdateOrgBody,
    values,
    submit: async (body) => {
      await orgsApi.update(orgId, body);
      toast.success(t('saved'));
      router.refresh();
    },
  });

  return (
    <form
      ref={form.formRef}
      method="post"
      noValidate
      onSubmit={(event) => {
        // Nothing changed: say so instead of sending an empty update.
        if (Object.keys(values(new FormData(event.currentTarget))).length === 0) {
          event.preventDefault();
          toast.info(t('unchanged'));
          return;
        }
        void form.onSubmit(event);
      }}
      className="flex max-w-lg flex-col gap-4"
      aria-busy={form.pending}
      data-testid="org-general-form"
    >
      {form.formError ? <FormAlert>{form.formError}</FormAlert> : null}
      <TextField
        name="name"
        label={t('nameLabel')}
        defaultValue={name}
        autoComplete="organization"
        readOnly={readOnly}
        required
        maxLength={80}
        error={form.fieldErrors.name}
      />
      <TextField
        name="slug"
        label={t('slugLabel')}
        hint={t('slugHint')}
        defaultValue={slug}
        dir="ltr"
        autoCapitalize="none"
        spellCheck={false}
        readOnly={readOnly}
        maxLength={48}
        error={form.fieldErrors.slug ? t('slugInvalid') : undefined}
      />
      {readOnly ? null : (
        <div>
          <SubmitButton pending={form.pending} label={t('save')} pendingLabel={t('saving')} />
        </div>
      )}
    </form>
  );
}
