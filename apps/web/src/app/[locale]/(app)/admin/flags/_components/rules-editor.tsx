'use client';

import { ArrowDownIcon, ArrowUpIcon, PlusIcon, Trash2Icon, XIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import {
  CONDITION_ATTRIBUTES,
  CONDITION_OPERATORS,
  type ConditionAttribute,
  type ConditionDraft,
  type ConditionOperator,
  emptyCondition,
  move,
  newRule,
  type RuleDraft,
} from '@/lib/flags/definition-form';
import { FieldIssues, fieldId, useInvalid } from './issues';
import { RolloutFields } from './rollout-fields';

const textareaClass =
  'min-h-16 w-full rounded-md border border-input bg-background px-3 py-2 text-base shadow-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring aria-invalid:border-destructive md:text-sm';

/**
 * The ordered targeting rules: the first rule whose conditions all hold decides. Rules move with
 * up/down buttons (keyboard and screen-reader friendly, unlike drag and drop); the moved rule's
 * button keeps focus and the new position is announced.
 */
export function RulesEditor({
  rules,
  variants,
  onChange,
}: {
  rules: RuleDraft[];
  variants: readonly string[];
  onChange: (rules: RuleDraft[]) => void;
}) {
  const t = useTranslations('AdminFlags.rules');
  const [announcement, setAnnouncement] = useState('');

  function moveRule(index: number, by: -1 | 1) {
    const rule = rules[index];
    if (!rule) return;
    onChange(move(rules, index, by));
    const to = index + by;
    setAnnouncement(t('moved', { id: rule.id, position: to + 1 }));
    // After React reorders the fieldsets: keep focus on the moved rule (the other arrow at an end).
    requestAnimationFrame(() => {
      const direction = to === 0 ? 'down' : to === rules.length - 1 ? 'up' : by === -1 ? 'up' : 'down';
      document.getElementById(`${rule.uid}-${direction}`)?.focus();
    });
  }

  const update = (index: number, next: RuleDraft) => onChange(rules.map((r, i) => (i === index ? next : r)));

  return (
    <div className="flex flex-col gap-4" data-testid="flag-rules">
      {rules.length === 0 ? <p className="text-muted-foreground text-sm">{t('none')}</p> : null}
      <ol className="flex flex-col gap-4">
        {rules.map((rule, index) => (
          <li key={rule.uid}>
            <RuleFieldset
              rule={rule}
              index={index}
              count={rules.length}
              variants={variants}
              onChange={(next) => update(index, next)}
              onMove={(by) => moveRule(index, by)}
              onRemove={() => {
                onChange(rules.filter((_, i) => i !== index));
                setAnnouncement(t('removed', { id: rule.id }));
              }}
            />
          </li>
        ))}
      </ol>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <Button
        type="button"
        variant="outline"
        className="self-start"
        onClick={() => onChange([...rules, newRule(rules, variants.at(-1) ?? '')])}
        data-testid="flag-add-rule"
      >
        <PlusIcon aria-hidden="true" />
        {t('add')}
      </Button>
    </div>
  );
}

function RuleFieldset({
  rule,
  index,
  count,
  variants,
  onChange,
  onMove,
  onRemove,
}: {
  rule: RuleDraft;
  index: number;
  count: number;
  variants: readonly string[];
  onChange: (rule: RuleDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const t = useTranslations('AdminFlags.rules');
  const path = `rules.${index}`;
  const idInvalid = useInvalid(`${path}.id`);
  const variantInvalid = useInvalid(`${path}.variant`);
  const serveName = `${rule.uid}-serve`;
  const setCondition = (i: number, next: ConditionDraft) =>
    onChange({ ...rule, conditions: rule.conditions.map((c, j) => (j === i ? next : c)) });

  return (
    <fieldset
      className="flex flex-col gap-4 rounded-lg border p-4"
      data-testid="flag-rule"
      data-rule-id={rule.id}
    >
      <legend className="px-1 font-medium">
        {t('legend', { position: index + 1 })}{' '}
        <bdi dir="ltr" className="font-mono text-muted-foreground text-sm">
          {rule.id}
        </bdi>
      </legend>
      <FieldIssues path={path} />
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="flex flex-col gap-2">
          <Label htmlFor={fieldId(`${path}.id`)}>{t('id')}</Label>
          <Input
            id={fieldId(`${path}.id`)}
            dir="ltr"
            value={rule.id}
            maxLength={64}
            onChange={(e) => onChange({ ...rule, id: e.target.value })}
            {...idInvalid}
          />
          <FieldIssues path={`${path}.id`} />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor={fieldId(`${path}.description`)}>{t('description')}</Label>
          <Input
            id={fieldId(`${path}.description`)}
            value={rule.description}
            maxLength={500}
            onChange={(e) => onChange({ ...rule, description: e.target.value })}
          />
        </div>
      </div>

      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 font-medium text-sm">{t('conditions')}</legend>
        {rule.conditions.map((condition, i) => (
          <ConditionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity of their own; their inputs are controlled.
            key={i}
            path={`${path}.conditions.${i}`}
            position={i + 1}
            condition={condition}
            removable={rule.conditions.length > 1}
            onChange={(next) => setCondition(i, next)}
            onRemove={() => onChange({ ...rule, conditions: rule.conditions.filter((_, j) => j !== i) })}
          />
        ))}
        <Button
          type="button"
          variant="ghost"
          size="sm"
          className="self-start"
          onClick={() => onChange({ ...rule, conditions: [...rule.conditions, emptyCondition()] })}
        >
          <PlusIcon aria-hidden="true" />
          {t('addCondition')}
        </Button>
      </fieldset>

      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 font-medium text-sm">{t('serve')}</legend>
        <div className="flex flex-wrap gap-4">
          {(['variant', 'rollout'] as const).map((serve) => (
            <label key={serve} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name={serveName}
                value={serve}
                checked={rule.serve === serve}
                onChange={() => onChange({ ...rule, serve })}
                className="size-4 accent-primary"
              />
              {t(serve === 'variant' ? 'serveVariant' : 'serveRollout')}
            </label>
          ))}
        </div>
        {rule.serve === 'variant' ? (
          <div className="flex max-w-xs flex-col gap-2">
            <Label htmlFor={fieldId(`${path}.variant`)}>{t('variant')}</Label>
            <NativeSelect
              id={fieldId(`${path}.variant`)}
              value={rule.variant}
              onChange={(e) => onChange({ ...rule, variant: e.target.value })}
              {...variantInvalid}
            >
              {variants.includes(rule.variant) ? null : <option value={rule.variant}>{rule.variant}</option>}
              {variants.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </NativeSelect>
            <FieldIssues path={`${path}.variant`} />
          </div>
        ) : (
          <RolloutFields
            path={`${path}.rollout`}
            legend={t('rollout')}
            value={rule.rollout}
            variants={variants}
            onChange={(rollout) => onChange({ ...rule, rollout })}
          />
        )}
      </fieldset>

      <div className="flex flex-wrap gap-2 border-t pt-3">
        <Button
          id={`${rule.uid}-up`}
          type="button"
          variant="outline"
          size="sm"
          disabled={index === 0}
          onClick={() => onMove(-1)}
          aria-label={t('moveUp', { position: index + 1 })}
          data-testid="flag-rule-up"
        >
          <ArrowUpIcon aria-hidden="true" />
          {t('up')}
        </Button>
        <Button
          id={`${rule.uid}-down`}
          type="button"
          variant="outline"
          size="sm"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
          aria-label={t('moveDown', { position: index + 1 })}
          data-testid="flag-rule-down"
        >
          <ArrowDownIcon aria-hidden="true" />
          {t('down')}
        </Button>
        <Button
          type="button"
          variant="ghost"
          size="sm"
          className="ms-auto text-destructive"
          onClick={onRemove}
          aria-label={t('remove', { position: index + 1 })}
          data-testid="flag-rule-remove"
        >
          <Trash2Icon aria-hidden="true" />
          {t('removeShort')}
        </Button>
      </div>
    </fieldset>
  );
}

function ConditionRow({
  path,
  position,
  condition,
  removable,
  onChange,
  onRemove,
}: {
  path: string;
  position: number;
  condition: ConditionDraft;
  removable: boolean;
  onChange: (next: ConditionDraft) => void;
  onRemove: () => void;
}) {
  const t = useTranslations('AdminFlags.rules');
  const valuesInvalid = useInvalid(`${path}.values`);
  const hintId = `${fieldId(`${path}.values`)}-hint`;
  return (
    <div
      className="grid gap-3 rounded-md bg-muted/40 p-3 sm:grid-cols-[10rem_8rem_1fr_auto]"
      data-testid="flag-condition"
    >
      <div className="flex flex-col gap-2">
        <Label htmlFor={fieldId(`${path}.attribute`)}>{t('attribute')}</Label>
        <NativeSelect
          id={fieldId(`${path}.attribute`)}
          value={condition.attribute}
          onChange={(e) => onChange({ ...condition, attribute: e.target.value as ConditionAttribute })}
        >
          {CONDITION_ATTRIBUTES.map((attribute) => (
            <option key={attribute} value={attribute}>
              {t(`attributes.${attribute}`)}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor={fieldId(`${path}.operator`)}>{t('operator')}</Label>
        <NativeSelect
          id={fieldId(`${path}.operator`)}
          value={condition.operator}
          onChange={(e) => onChange({ ...condition, operator: e.target.value as ConditionOperator })}
        >
          {CONDITION_OPERATORS.map((operator) => (
            <option key={operator} value={operator}>
              {t(`operators.${operator}`)}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor={fieldId(`${path}.values`)}>{t('values')}</Label>
        <textarea
          id={fieldId(`${path}.values`)}
          dir="ltr"
          rows={2}
          value={condition.values}
          onChange={(e) => onChange({ ...condition, values: e.target.value })}
          className={textareaClass}
          aria-invalid={valuesInvalid['aria-invalid']}
          aria-describedby={[hintId, valuesInvalid['aria-describedby']].filter(Boolean).join(' ')}
        />
        <p id={hintId} className="text-muted-foreground text-xs">
          {t(`hints.${condition.attribute}`)}
        </p>
        <FieldIssues path={`${path}.values`} />
      </div>
      <div className="flex items-end">
        <Button
          type="button"
          variant="ghost"
          size="icon"
          disabled={!removable}
          onClick={onRemove}
          aria-label={t('removeCondition', { position })}
        >
          <XIcon aria-hidden="true" />
        </Button>
      </div>
    </div>
  );
}
