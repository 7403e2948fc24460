'use client';

import { Loader2Icon, SaveIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useRef, useState } from 'react';
import { toast } from 'sonner';
import { FormAlert } from '@/components/form/form-alert';
import { Section } from '@/components/layout/section';
import { Button } from '@/components/ui/button';
import { useRouter } from '@/i18n/navigation';
import { type FieldIssue, isApiError } from '@/lib/api/api-error';
import { adminFlagsApi } from '@/lib/flags/admin-api';
import {
  definitionFromDraft,
  type FlagDraft,
  type FlagEnvironment,
  isValidFlagKey,
} from '@/lib/flags/definition-form';
import { adminFlagPath } from '@/lib/flags/paths';
import { useErrorText } from '@/lib/forms/error-text';
import { DefaultsFields, IdentityFields, VariantFields } from './general-fields';
import { fieldId, IssuesContext } from './issues';
import { KillSwitch } from './kill-switch';
import { RolloutFields } from './rollout-fields';
import { RulesEditor } from './rules-editor';

type Props =
  | { mode: 'create'; initial: FlagDraft; environment: FlagEnvironment | null }
  | { mode: 'edit'; initial: FlagDraft; environment: FlagEnvironment | null; updatedAt: string };

/**
 * Creates a flag (POST) or replaces one (PUT). The API validates with the shared schema and its
 * 400 names each problem by path; they are listed above the save button and shown beside their
 * fields. The API has no ETag, so before a PUT the editor re-reads the flag and refuses to
 * overwrite a change made since it was opened unless the admin says so (a narrow race remains).
 */
export function FlagEditor(props: Props) {
  const t = useTranslations('AdminFlags');
  const router = useRouter();
  const errorText = useErrorText();
  const creating = props.mode === 'create';
  const [draft, setDraft] = useState(props.initial);
  const [loadedAt, setLoadedAt] = useState(props.mode === 'edit' ? props.updatedAt : null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const summaryRef = useRef<HTMLDivElement>(null);
  const names = draft.kind === 'boolean' ? ['off', 'on'] : draft.variants.map((v) => v.name);

  function edit(next: FlagDraft) {
    setDraft(next);
    if (status === 'saved') setStatus('idle');
  }

  function fail(message: string, found: FieldIssue[] = []) {
    setIssues(found);
    setFormError(message);
    setStatus('idle');
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function save(force = false) {
    setConflict(false);
    setFormError(null);
    if (creating && !isValidFlagKey(draft.key.trim())) {
      fail(t('errors.invalid'), [{ path: 'key', message: t('form.keyInvalid'), code: 'invalid_key' }]);
      return;
    }
    setStatus('saving');
    const body = definitionFromDraft(draft);
    try {
      if (props.mode === 'create') {
        const created = await adminFlagsApi.create(body);
        toast.success(t('created', { key: created.key }));
        router.push(adminFlagPath(created.key));
        return;
      }
      if (!force) {
        const current = await adminFlagsApi.get(body.key);
        if (current.updatedAt !== loadedAt) {
          setConflict(true);
          setStatus('idle');
          return;
        }
      }
      const saved = await adminFlagsApi.replace(body.key, body);
      setLoadedAt(saved.updatedAt);
      setIssues([]);
      setStatus('saved');
      router.refresh();
    } catch (error) {
      if (isApiError(error, 'conflict'))
        fail(t('errors.keyTaken'), [{ path: 'key', message: t('errors.keyTaken'), code: 'conflict' }]);
      else fail(errorText(error), isApiError(error) ? error.errors : []);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (status !== 'saving') void save();
  }

  return (
    <IssuesContext.Provider value={issues}>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-6" data-testid="flag-editor">
        {props.mode === 'edit' ? (
          <KillSwitch
            flagKey={draft.key}
            killed={draft.killSwitch}
            onChanged={(killed, updatedAt) => {
              setDraft((d) => ({ ...d, killSwitch: killed }));
              // Only adopt the new version when nothing else changed in between.
              setLoadedAt((at) => (updatedAt.previous === at ? updatedAt.current : at));
            }}
          />
        ) : null}
        <Section title={t('sections.general')}>
          <IdentityFields draft={draft} creating={creating} onChange={edit} />
        </Section>
        <Section title={t('sections.variants')} description={t('sections.variantsLead')}>
          <VariantFields draft={draft} onChange={edit} />
        </Section>
        <Section title={t('sections.defaults')} description={t('sections.defaultsLead')}>
          <DefaultsFields draft={draft} environment={props.environment} onChange={edit} />
        </Section>
        <Section
          title={t('sections.rules')}
          description={t('sections.rulesLead')}
          testId="flag-rules-section"
        >
          <RulesEditor rules={draft.rules} variants={names} onChange={(rules) => edit({ ...draft, rules })} />
        </Section>
        <Section title={t('sections.rollout')} description={t('sections.rolloutLead')}>
          <div className="flex flex-col gap-3">
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={draft.rolloutEnabled}
                onChange={(e) => edit({ ...draft, rolloutEnabled: e.target.checked })}
                className="size-4 accent-primary"
                data-testid="flag-rollout-enabled"
              />
              {t('rollout.enable')}
            </label>
            {draft.rolloutEnabled ? (
              <RolloutFields
                path="rollout"
                legend={t('rollout.legend')}
                value={draft.rollout}
                variants={names}
                onChange={(rollout) => edit({ ...draft, rollout })}
              />
            ) : null}
          </div>
        </Section>

        {formError ? (
          <div ref={summaryRef} tabIndex={-1} className="outline-none" data-testid="flag-errors">
            <FormAlert>
              <p>{formError}</p>
              {issues.length > 0 ? (
                <ul className="mt-2 list-disc ps-5">
                  {issues.map((issue) => (
                    <li key={`${issue.path}:${issue.message}`}>
                      <a href={`#${fieldId(issue.path)}`} className="underline underline-offset-4">
                        <bdi dir="ltr" className="font-mono text-xs">
                          {issue.path || t('errors.wholeFlag')}
                        </bdi>
                      </a>
                      {': '}
                      {issue.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </FormAlert>
          </div>
        ) : null}
        {conflict ? (
          <FormAlert>
            <div className="flex flex-col gap-3" data-testid="flag-conflict">
              <p>{t('errors.changedMeanwhile')}</p>
              <div className="flex flex-wrap gap-2">
                <Button type="button" variant="outline" size="sm" onClick={() => window.location.reload()}>
                  {t('reload')}
                </Button>
                <Button type="button" variant="destructive" size="sm" onClick={() => void save(true)}>
                  {t('overwrite')}
                </Button>
              </div>
            </div>
          </FormAlert>
        ) : null}

        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={status === 'saving'} data-testid="flag-save">
            {status === 'saving' ? (
              <Loader2Icon aria-hidden="true" className="animate-spin" />
            ) : (
              <SaveIcon aria-hidden="true" />
            )}
            {creating ? t('create') : t('save')}
          </Button>
          <p
            role="status"
            aria-live="polite"
            className="text-muted-foreground text-sm"
            data-testid="flag-save-status"
          >
            {status === 'saving' ? t('saving') : status === 'saved' ? t('saved') : ''}
          </p>
        </div>
      </form>
    </IssuesContext.Provider>
  );
}
