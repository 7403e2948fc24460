'use client';

import { CreateWebhookEndpointBody, type WebhookEndpoint } from '@repo/contracts';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { SubmitButton } from '@/components/form/submit-button';
import { TextField } from '@/components/form/text-field';
import { Button } from '@/components/ui/button';
import { DialogFooter } from '@/components/ui/dialog';
import { isApiError } from '@/lib/api/api-error';
import { useApiForm } from '@/lib/forms/use-api-form';
import { normalizeFilters } from './event-filters';
import { EventPicker } from './event-picker';

export type EndpointFormValues = {
  url: string;
  description: string;
  eventTypes: string[];
  ordered: boolean;
};

/**
 * URL, description, event filters and ordered delivery: the same form adds an endpoint and edits
 * one. A URL the API refuses (422 webhook_url_refused: not https, a private address…) is shown
 * on the URL field.
 */
export function EndpointForm({
  eventTypes,
  initial,
  submitLabel,
  pendingLabel,
  onCancel,
  onSubmit,
}: {
  eventTypes: readonly string[];
  initial?: WebhookEndpoint;
  submitLabel: string;
  pendingLabel: string;
  onCancel: () => void;
  onSubmit: (values: EndpointFormValues) => Promise<void>;
}) {
  const t = useTranslations('Webhooks.form');
  const id = useId();
  const [selected, setSelected] = useState<Set<string>>(() => new Set(initial?.eventTypes ?? []));
  const [ordered, setOrdered] = useState(initial?.ordered ?? false);
  const [urlRefused, setUrlRefused] = useState<string | null>(null);

  const form = useApiForm({
    schema: CreateWebhookEndpointBody,
    values: (data) => ({
      url: String(data.get('url') ?? ''),
      description: String(data.get('description') ?? ''),
      eventTypes: normalizeFilters(selected),
      ordered,
    }),
    submit: async (body) => {
      setUrlRefused(null);
      await onSubmit(body);
    },
    onError: (error) => {
      if (!isApiError(error, 'webhook_url_refused')) return false;
      const reason = error.errors.find((e) => e.path === 'url')?.code;
      setUrlRefused(reason === 'invalid_url' ? t('urlInvalid') : t('urlRefused'));
      const input = form.formRef.current?.elements.namedItem('url');
      if (input instanceof HTMLElement) input.focus();
      return true;
    },
  });

  const urlError = urlRefused ?? form.fieldErrors.url;
  const eventsError = form.fieldErrors.eventTypes ? t('eventsRequired') : undefined;

  return (
    <form
      ref={form.formRef}
      method="post"
      noValidate
      onSubmit={form.onSubmit}
      className="flex min-w-0 flex-col gap-5"
      data-testid="webhook-endpoint-form"
    >
      {form.formError ? <FormAlert>{form.formError}</FormAlert> : null}
      <TextField
        name="url"
        type="url"
        label={t('urlLabel')}
        hint={t('urlHint')}
        defaultValue={initial?.url}
        dir="ltr"
        className="rtl:[&_input]:text-end"
        maxLength={2000}
        autoComplete="off"
        spellCheck={false}
        required
        autoFocus
        error={urlError ?? undefined}
        onChange={() => setUrlRefused(null)}
      />
      <TextField
        name="description"
        label={t('descriptionLabel')}
        hint={t('descriptionHint')}
        defaultValue={initial?.description}
        maxLength={200}
        autoComplete="off"
        error={form.fieldErrors.description}
      />
      {/* The checkboxes are not one form field: this names the list, so its error shows beside it. */}
      <input type="hidden" name="eventTypes" value={normalizeFilters(selected).join(',')} />
      <EventPicker types={eventTypes} selected={selected} onChange={setSelected} error={eventsError} />
      <div className="flex items-start gap-3">
        <input
          id={`${id}-ordered`}
          type="checkbox"
          role="switch"
          checked={ordered}
          aria-checked={ordered}
          onChange={(event) => setOrdered(event.currentTarget.checked)}
          aria-describedby={`${id}-ordered-hint`}
          className="mt-0.5 size-4 shrink-0 accent-primary"
          data-testid="webhook-ordered"
        />
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-ordered`} className="font-medium text-sm">
            {t('orderedLabel')}
          </label>
          <p id={`${id}-ordered-hint`} className="text-muted-foreground text-xs">
            {t('orderedHint')}
          </p>
        </div>
      </div>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onCancel}>
          {t('cancel')}
        </Button>
        <SubmitButton
          pending={form.pending}
          label={submitLabel}
          pendingLabel={pendingLabel}
          data-testid="webhook-endpoint-submit"
        />
      </DialogFooter>
    </form>
  );
}
