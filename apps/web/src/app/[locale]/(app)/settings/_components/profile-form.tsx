'use client';

import { type Locale, type Me, UpdateProfileBody } from '@repo/contracts';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { toast } from 'sonner';
import { FormAlert } from '@/components/form/form-alert';
import { SubmitButton } from '@/components/form/submit-button';
import { TextField } from '@/components/form/text-field';
import { TimeZoneField } from '@/components/form/time-zone-field';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { usePathname, useRouter } from '@/i18n/navigation';
import { routing } from '@/i18n/routing';
import { profileApi } from '@/lib/api/profile';
import { useApiForm } from '@/lib/forms/use-api-form';
import type { TimeZoneOption } from '@/lib/time-zones';

// The zone list comes from the server render: browser and Node ICU data can differ, and the
// options must match for hydration.
type Props = { me: Pick<Me, 'name' | 'email' | 'locale' | 'timezone'>; zones: TimeZoneOption[] };

export function ProfileForm({ me, zones }: Props) {
  const t = useTranslations('Profile');
  const languages = useTranslations('Language');
  const router = useRouter();
  const pathname = usePathname();
  const id = useId();

  const form = useApiForm({
    schema: UpdateProfileBody,
    values: (data: FormData) => ({
      name: String(data.get('name') ?? ''),
      locale: String(data.get('locale') ?? ''),
      timezone: String(data.get('timezone') ?? ''),
    }),
    submit: async (body) => {
      await profileApi.update(body);
      toast.success(t('saved'));
      // The profile language is the UI language (the header's switcher saves the same field):
      // show the same page in it (the proxy stores NEXT_LOCALE).
      if (body.locale && body.locale !== me.locale)
        router.replace(pathname, { locale: body.locale as Locale });
      else router.refresh();
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
      <TextField
        name="name"
        label={t('nameLabel')}
        autoComplete="name"
        defaultValue={me.name}
        required
        error={form.fieldErrors.name}
      />
      <div className="flex flex-col gap-2">
        <span className="font-medium text-sm leading-none">{t('emailLabel')}</span>
        <bdi dir="ltr" className="text-muted-foreground text-sm" data-testid="profile-email">
          {me.email}
        </bdi>
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-locale`}>{t('localeLabel')}</Label>
        <NativeSelect id={`${id}-locale`} name="locale" defaultValue={me.locale}>
          {routing.locales.map((l) => (
            <option key={l} value={l} lang={l}>
              {languages(l)}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-tz`}>{t('timezoneLabel')}</Label>
        <TimeZoneField
          id={`${id}-tz`}
          name="timezone"
          zones={zones}
          defaultValue={me.timezone}
          placeholder={t('timezonePlaceholder')}
          searchLabel={t('timezoneSearch')}
          emptyText={t('timezoneEmpty')}
          aria-invalid={form.fieldErrors.timezone ? true : undefined}
          aria-describedby={form.fieldErrors.timezone ? `${id}-tz-error` : undefined}
        />
        {form.fieldErrors.timezone ? (
          <p id={`${id}-tz-error`} className="text-destructive text-sm">
            {form.fieldErrors.timezone}
          </p>
        ) : null}
      </div>
      <div>
        <SubmitButton pending={form.pending} label={t('save')} pendingLabel={t('saving')} />
      </div>
    </form>
  );
}
