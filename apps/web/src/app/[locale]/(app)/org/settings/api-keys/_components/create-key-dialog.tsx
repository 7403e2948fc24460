'use client';

import { type ApiKeyScope, CreateApiKeyBody } from '@repo/contracts';
import { PlusIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useId, useRef, useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { SubmitButton } from '@/components/form/submit-button';
import { TextField } from '@/components/form/text-field';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { type CreatedApiKeyResponse, createApiKey } from '@/lib/api/api-keys';
import { useApiForm } from '@/lib/forms/use-api-form';
import { useReauth } from '../../../../_components/reauth-provider';
import { EXPIRY_CHOICES, expiryToIso, SCOPE_RESOURCES, scopeOf, withImpliedScopes } from './scopes';

/**
 * "Create API key": name, scopes, expiry. Creating needs sudo mode, so the request goes through
 * the re-auth prompt when the API asks for it. The secret is shown by the page, not here.
 */
export function CreateKeyDialog({
  orgId,
  disabled,
  onCreated,
}: {
  orgId: string;
  /** Until the list has loaded (and the page is interactive). */
  disabled: boolean;
  onCreated: (answer: CreatedApiKeyResponse) => void;
}) {
  const t = useTranslations('ApiKeys.create');
  const [open, setOpen] = useState(false);
  // Closed because a key was created: the secret panel takes focus, not the trigger.
  const created = useRef(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" disabled={disabled} data-testid="api-key-create">
          <PlusIcon aria-hidden="true" />
          {t('open')}
        </Button>
      </DialogTrigger>
      <DialogContent
        closeLabel={t('cancel')}
        className="max-w-lg"
        data-testid="api-key-create-dialog"
        onCloseAutoFocus={(event) => {
          if (created.current) event.preventDefault();
          created.current = false;
        }}
      >
        <DialogHeader>
          <DialogTitle>{t('title')}</DialogTitle>
          <DialogDescription>{t('description')}</DialogDescription>
        </DialogHeader>
        {/* Mounted with the dialog: every opening starts from a clean form. */}
        <CreateKeyForm
          orgId={orgId}
          onCancel={() => setOpen(false)}
          onCreated={(answer) => {
            created.current = true;
            onCreated(answer);
            setOpen(false);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}

function CreateKeyForm({
  orgId,
  onCancel,
  onCreated,
}: {
  orgId: string;
  onCancel: () => void;
  onCreated: (answer: CreatedApiKeyResponse) => void;
}) {
  const t = useTranslations('ApiKeys');
  const withReauth = useReauth();
  const id = useId();
  const [selected, setSelected] = useState<ReadonlySet<ApiKeyScope>>(() => new Set(['organization:read']));
  const effective = new Set(withImpliedScopes(selected));

  const form = useApiForm({
    schema: CreateApiKeyBody,
    values: (data) => ({
      name: String(data.get('name') ?? ''),
      scopes: withImpliedScopes(selected),
      expiresAt: expiryToIso(String(data.get('expiry') ?? 'never')),
    }),
    submit: async (body) => {
      onCreated(await withReauth(() => createApiKey(orgId, body)));
    },
  });

  function toggle(scope: ApiKeyScope, on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });
  }

  const scopesError = form.fieldErrors.scopes ? t('create.scopesRequired') : undefined;
  const scopesHintId = `${id}-scopes-hint`;
  const scopesErrorId = `${id}-scopes-error`;
  const includedId = `${id}-included`;

  return (
    <form
      ref={form.formRef}
      method="post"
      noValidate
      onSubmit={form.onSubmit}
      className="flex flex-col gap-5"
      data-testid="api-key-create-form"
    >
      {form.formError ? <FormAlert>{form.formError}</FormAlert> : null}
      <TextField
        name="name"
        label={t('create.nameLabel')}
        hint={t('create.nameHint')}
        maxLength={80}
        autoComplete="off"
        required
        autoFocus
        error={form.fieldErrors.name}
      />

      <fieldset
        className="flex flex-col gap-2"
        aria-describedby={[scopesHintId, scopesError ? scopesErrorId : null].filter(Boolean).join(' ')}
        aria-invalid={scopesError ? true : undefined}
      >
        <legend className="mb-2 font-medium text-sm">{t('create.scopesLegend')}</legend>
        <p id={scopesHintId} className="text-muted-foreground text-xs">
          {t('create.scopesHint')}
        </p>
        <p id={includedId} className="sr-only">
          {t('create.readIncluded')}
        </p>
        <ul className="flex flex-col divide-y rounded-lg border">
          {SCOPE_RESOURCES.map((resource) => (
            <li key={resource} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 p-3">
              <div className="flex min-w-0 flex-col">
                <span className="font-medium text-sm">{t(`resources.${resource}`)}</span>
                <span className="text-muted-foreground text-xs">{t(`resources.${resource}Hint`)}</span>
              </div>
              <div className="flex gap-4">
                {(['read', 'write'] as const).map((access) => {
                  const scope = scopeOf(resource, access);
                  const inputId = `${id}-${resource}-${access}`;
                  // Write includes read: the read box shows ticked and locked while write is.
                  const locked = access === 'read' && selected.has(scopeOf(resource, 'write'));
                  return (
                    <div key={access} className="flex items-center gap-2">
                      <input
                        id={inputId}
                        type="checkbox"
                        name="scopes"
                        value={scope}
                        checked={effective.has(scope)}
                        disabled={locked}
                        aria-describedby={locked ? includedId : undefined}
                        aria-label={t('create.scopeLabel', {
                          access: t(`access.${access}`),
                          resource: t(`resources.${resource}`),
                        })}
                        onChange={(event) => toggle(scope, event.currentTarget.checked)}
                        className="size-4 accent-primary disabled:opacity-60"
                        data-scope={scope}
                      />
                      <Label htmlFor={inputId} className="font-normal">
                        {t(`access.${access}`)}
                      </Label>
                    </div>
                  );
                })}
              </div>
            </li>
          ))}
        </ul>
        {scopesError ? (
          <p id={scopesErrorId} className="text-destructive text-sm" data-testid="field-error-scopes">
            {scopesError}
          </p>
        ) : null}
      </fieldset>

      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-expiry`}>{t('create.expiryLabel')}</Label>
        <NativeSelect id={`${id}-expiry`} name="expiry" defaultValue="90">
          {EXPIRY_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t(`create.expiry.${choice}`)}
            </option>
          ))}
        </NativeSelect>
      </div>

      <DialogFooter>
        <Button type="button" variant="outline" onClick={onCancel}>
          {t('create.cancel')}
        </Button>
        <SubmitButton
          pending={form.pending}
          label={t('create.submit')}
          pendingLabel={t('create.submitting')}
          data-testid="api-key-create-submit"
        />
      </DialogFooter>
    </form>
  );
}
