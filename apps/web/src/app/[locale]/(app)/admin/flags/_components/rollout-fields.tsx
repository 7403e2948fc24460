'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { type RolloutBy, type RolloutDraft, rolloutTotal } from '@/lib/flags/definition-form';
import { cn } from '@/lib/utils';
import { FieldIssues, fieldId, useInvalid } from './issues';

/**
 * A percentage split between the variants, bucketed by user or by organization. `path` is where
 * the rollout sits in the definition (`rollout`, `rules.2.rollout`), for ids and API issues.
 */
export function RolloutFields({
  path,
  legend,
  value,
  variants,
  onChange,
}: {
  path: string;
  legend: string;
  value: RolloutDraft;
  variants: readonly string[];
  onChange: (next: RolloutDraft) => void;
}) {
  const t = useTranslations('AdminFlags.rollout');
  const format = useFormatter();
  const total = rolloutTotal(value, variants);
  const exact = total === 100;
  const weightsInvalid = useInvalid(`${path}.weights`);
  const totalId = `${fieldId(path)}-total`;

  return (
    <fieldset className="flex flex-col gap-3 rounded-md border p-3" data-testid="rollout-fields">
      <legend className="px-1 font-medium text-sm">{legend}</legend>
      <div className="flex max-w-xs flex-col gap-2">
        <Label htmlFor={fieldId(`${path}.by`)}>{t('by')}</Label>
        <NativeSelect
          id={fieldId(`${path}.by`)}
          value={value.by}
          onChange={(e) => onChange({ ...value, by: e.target.value as RolloutBy })}
        >
          <option value="user">{t('byUser')}</option>
          <option value="organization">{t('byOrganization')}</option>
        </NativeSelect>
      </div>
      <div className="flex flex-wrap gap-3">
        {variants.map((name) => {
          const id = `${fieldId(`${path}.weights`)}-${name}`;
          return (
            <div key={name} className="flex w-32 flex-col gap-2">
              <Label htmlFor={id}>{t('weight', { variant: name })}</Label>
              <div className="flex items-center gap-1">
                <Input
                  id={id}
                  inputMode="decimal"
                  dir="ltr"
                  value={value.weights[name] ?? ''}
                  onChange={(e) =>
                    onChange({ ...value, weights: { ...value.weights, [name]: e.target.value } })
                  }
                  aria-invalid={weightsInvalid['aria-invalid']}
                  aria-describedby={[totalId, weightsInvalid['aria-describedby']].filter(Boolean).join(' ')}
                  data-testid={`rollout-weight-${name}`}
                />
                <span aria-hidden="true" className="text-muted-foreground text-sm">
                  %
                </span>
              </div>
            </div>
          );
        })}
      </div>
      <p
        id={totalId}
        aria-live="polite"
        className={cn('text-sm', exact ? 'text-muted-foreground' : 'text-destructive')}
      >
        {Number.isNaN(total)
          ? t('totalInvalid')
          : t(exact ? 'total' : 'totalOff', { total: format.number(total, { maximumFractionDigits: 2 }) })}
      </p>
      <FieldIssues path={`${path}.weights`} />
    </fieldset>
  );
}
