'use client';

import { PlusIcon, XIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import {
  FLAG_ENVIRONMENTS,
  FLAG_KEY_MAX,
  type FlagDraft,
  type FlagEnvironment,
  type FlagKind,
  withKind,
} from '@/lib/flags/definition-form';
import { FieldIssues, fieldId, useInvalid } from './issues';

const MAX_VARIANTS = 10;

/** Key (new flags only), description and kind. */
export function IdentityFields({
  draft,
  creating,
  onChange,
}: {
  draft: FlagDraft;
  creating: boolean;
  onChange: (draft: FlagDraft) => void;
}) {
  const t = useTranslations('AdminFlags.form');
  const keyInvalid = useInvalid('key');
  return (
    <div className="flex flex-col gap-4">
      {creating ? (
        <div className="flex max-w-md flex-col gap-2">
          <Label htmlFor={fieldId('key')}>{t('key')}</Label>
          <Input
            id={fieldId('key')}
            dir="ltr"
            value={draft.key}
            maxLength={FLAG_KEY_MAX}
            autoComplete="off"
            spellCheck={false}
            required
            onChange={(e) => onChange({ ...draft, key: e.target.value })}
            aria-invalid={keyInvalid['aria-invalid']}
            aria-describedby={[`${fieldId('key')}-hint`, keyInvalid['aria-describedby']]
              .filter(Boolean)
              .join(' ')}
          />
          <p id={`${fieldId('key')}-hint`} className="text-muted-foreground text-xs">
            {t('keyHint')}
          </p>
          <FieldIssues path="key" />
        </div>
      ) : null}
      <div className="flex max-w-2xl flex-col gap-2">
        <Label htmlFor={fieldId('description')}>{t('description')}</Label>
        <textarea
          id={fieldId('description')}
          rows={2}
          maxLength={1000}
          value={draft.description}
          onChange={(e) => onChange({ ...draft, description: e.target.value })}
          className="w-full rounded-md border border-input bg-background px-3 py-2 text-base shadow-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring md:text-sm"
        />
        <FieldIssues path="description" />
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 font-medium text-sm">{t('kind')}</legend>
        <div className="flex flex-wrap gap-4">
          {(['boolean', 'multivariate'] as const satisfies FlagKind[]).map((kind) => (
            <label key={kind} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="flag-kind"
                value={kind}
                checked={draft.kind === kind}
                onChange={() => onChange(withKind(draft, kind))}
                className="size-4 accent-primary"
              />
              {t(`kinds.${kind}`)}
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** Boolean flags: off/on, fixed. Multivariate: names, JSON-ish values, the kill switch's variant. */
export function VariantFields({
  draft,
  onChange,
}: {
  draft: FlagDraft;
  onChange: (draft: FlagDraft) => void;
}) {
  const t = useTranslations('AdminFlags.form');
  const offInvalid = useInvalid('offVariant');
  if (draft.kind === 'boolean') {
    return (
      <p className="flex flex-wrap items-center gap-2 text-muted-foreground text-sm">
        {t('booleanVariants')}
        <Badge variant="outline">off</Badge>
        <Badge variant="outline">on</Badge>
      </p>
    );
  }
  const setVariant = (i: number, patch: Partial<FlagDraft['variants'][number]>) =>
    onChange({ ...draft, variants: draft.variants.map((v, j) => (j === i ? { ...v, ...patch } : v)) });
  const names = draft.variants.map((v) => v.name);

  return (
    <div className="flex flex-col gap-4">
      <FieldIssues path="variants" />
      <ol className="flex flex-col gap-3">
        {draft.variants.map((variant, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: variants are edited in place; their names change as you type.
          <li key={i} className="grid gap-3 sm:grid-cols-[12rem_1fr_auto]" data-testid="flag-variant">
            <VariantName index={i} value={variant.name} onChange={(name) => setVariant(i, { name })} />
            <div className="flex flex-col gap-2">
              <Label htmlFor={fieldId(`variants.${i}.value`)}>{t('variantValue', { position: i + 1 })}</Label>
              <Input
                id={fieldId(`variants.${i}.value`)}
                dir="ltr"
                value={variant.value}
                placeholder={t('variantValuePlaceholder')}
                onChange={(e) => setVariant(i, { value: e.target.value })}
              />
              <FieldIssues path={`variants.${i}.value`} />
            </div>
            <div className="flex items-end">
              <Button
                type="button"
                variant="ghost"
                size="icon"
                disabled={draft.variants.length <= 2}
                onClick={() => onChange({ ...draft, variants: draft.variants.filter((_, j) => j !== i) })}
                aria-label={t('removeVariant', { position: i + 1 })}
              >
                <XIcon aria-hidden="true" />
              </Button>
            </div>
          </li>
        ))}
      </ol>
      <p className="text-muted-foreground text-xs">{t('variantValueHint')}</p>
      <Button
        type="button"
        variant="outline"
        size="sm"
        className="self-start"
        disabled={draft.variants.length >= MAX_VARIANTS}
        onClick={() => onChange({ ...draft, variants: [...draft.variants, { name: '', value: '' }] })}
        data-testid="flag-add-variant"
      >
        <PlusIcon aria-hidden="true" />
        {t('addVariant')}
      </Button>
      <div className="flex max-w-xs flex-col gap-2">
        <Label htmlFor={fieldId('offVariant')}>{t('offVariant')}</Label>
        <VariantSelect
          id={fieldId('offVariant')}
          value={draft.offVariant}
          names={names}
          onChange={(offVariant) => onChange({ ...draft, offVariant })}
          {...offInvalid}
        />
        <FieldIssues path="offVariant" />
      </div>
    </div>
  );
}

function VariantName({
  index,
  value,
  onChange,
}: {
  index: number;
  value: string;
  onChange: (v: string) => void;
}) {
  const t = useTranslations('AdminFlags.form');
  const path = `variants.${index}.name`;
  const invalid = useInvalid(path);
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={fieldId(path)}>{t('variantName', { position: index + 1 })}</Label>
      <Input
        id={fieldId(path)}
        dir="ltr"
        value={value}
        maxLength={32}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        {...invalid}
      />
      <FieldIssues path={path} />
    </div>
  );
}

/** A select of the declared variants; a value that is no longer declared stays visible (and invalid). */
export function VariantSelect({
  value,
  names,
  onChange,
  ...props
}: { value: string; names: readonly string[]; onChange: (name: string) => void } & Omit<
  React.ComponentProps<'select'>,
  'value' | 'onChange'
>) {
  const options = names.filter((name, i) => name !== '' && names.indexOf(name) === i);
  return (
    <NativeSelect value={value} onChange={(e) => onChange(e.target.value)} {...props}>
      {options.includes(value) ? null : <option value={value}>{value || '—'}</option>}
      {options.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </NativeSelect>
  );
}

/** The variant served by default in each environment; the one this deployment runs is marked. */
export function DefaultsFields({
  draft,
  environment,
  onChange,
}: {
  draft: FlagDraft;
  environment: FlagEnvironment | null;
  onChange: (draft: FlagDraft) => void;
}) {
  const t = useTranslations('AdminFlags.form');
  const names = draft.variants.map((v) => v.name);
  return (
    <div className="grid gap-3 sm:grid-cols-3 sm:items-end">
      {FLAG_ENVIRONMENTS.map((env) => (
        <DefaultField
          key={env}
          env={env}
          current={env === environment}
          label={t(`environments.${env}`)}
          currentLabel={t('currentEnvironment')}
          value={draft.defaults[env]}
          names={names}
          onChange={(variant) => onChange({ ...draft, defaults: { ...draft.defaults, [env]: variant } })}
        />
      ))}
    </div>
  );
}

function DefaultField({
  env,
  current,
  label,
  currentLabel,
  value,
  names,
  onChange,
}: {
  env: FlagEnvironment;
  current: boolean;
  label: string;
  currentLabel: string;
  value: string;
  names: readonly string[];
  onChange: (variant: string) => void;
}) {
  const path = `defaults.${env}`;
  const invalid = useInvalid(path);
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={fieldId(path)} className="flex items-center gap-2">
        {label}
        {current ? <Badge variant="secondary">{currentLabel}</Badge> : null}
      </Label>
      <VariantSelect id={fieldId(path)} value={value} names={names} onChange={onChange} {...invalid} />
      <FieldIssues path={path} />
    </div>
  );
}
