'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { ALL_EVENTS, covers, familyFilter, groupByFamily } from './event-filters';

/**
 * Checkboxes for the event filters, grouped by family: a family's own "all" box (`member.*`)
 * ticks and locks its types, and "All events" (`*`) does the same for everything.
 */
export function EventPicker({
  types,
  selected,
  onChange,
  error,
}: {
  types: readonly string[];
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  error?: string;
}) {
  const t = useTranslations('Webhooks.form');
  const id = useId();
  const all = selected.has(ALL_EVENTS);
  const toggle = (filter: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(filter);
    else next.delete(filter);
    onChange(next);
  };
  const errorId = `${id}-error`;

  return (
    <fieldset
      className="flex min-w-0 flex-col gap-2"
      aria-describedby={error ? errorId : undefined}
      aria-invalid={error ? true : undefined}
      data-testid="webhook-event-picker"
    >
      <legend className="mb-2 font-medium text-sm">{t('eventsLegend')}</legend>
      <Check
        id={`${id}-all`}
        label={t('allEvents')}
        checked={all}
        onChange={(on) => toggle(ALL_EVENTS, on)}
        filter={ALL_EVENTS}
        strong
      />
      <ul className="flex max-h-72 flex-col divide-y overflow-y-auto rounded-lg border">
        {groupByFamily(types).map(({ family, types: members }) => {
          const wildcard = familyFilter(family);
          return (
            <li key={family} className="flex flex-col gap-1.5 p-3">
              <Check
                id={`${id}-${family}`}
                label={t('allOfFamily', { family })}
                checked={covers(selected, wildcard)}
                disabled={all}
                onChange={(on) => toggle(wildcard, on)}
                filter={wildcard}
                strong
              />
              <ul className="flex flex-col gap-1.5 ps-6">
                {members.map((type) => (
                  <li key={type}>
                    <Check
                      id={`${id}-${type}`}
                      label={type}
                      code
                      checked={covers(selected, type)}
                      disabled={all || selected.has(wildcard)}
                      onChange={(on) => toggle(type, on)}
                      filter={type}
                    />
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
      {error ? (
        <p id={errorId} className="text-destructive text-sm" data-testid="field-error-eventTypes">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function Check({
  id,
  label,
  checked,
  disabled,
  onChange,
  filter,
  strong,
  code,
}: {
  id: string;
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (on: boolean) => void;
  filter: string;
  strong?: boolean;
  code?: boolean;
}) {
  return (
    <div className="flex items-center gap-2">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.currentTarget.checked)}
        className="size-4 shrink-0 accent-primary disabled:opacity-60"
        data-filter={filter}
      />
      <label htmlFor={id} className={strong ? 'font-medium text-sm' : 'text-sm'}>
        {code ? (
          <code dir="ltr" className="break-all font-mono text-xs">
            {label}
          </code>
        ) : (
          label
        )}
      </label>
    </div>
  );
}
