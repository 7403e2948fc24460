'use client';

import * as PopoverPrimitive from '@radix-ui/react-popover';
import { Command } from 'cmdk';
import { CheckIcon, ChevronsUpDownIcon, LoaderCircleIcon, XIcon } from 'lucide-react';
import { type ReactNode, useEffect, useState } from 'react';
import { matchScore } from '@/lib/combobox-filter';
import { cn } from '@/lib/utils';

export type ComboboxOption = {
  value: string;
  /** What the list shows for the option. */
  label: ReactNode;
  /** Plain text for the closed field (defaults to `value`). */
  text?: string;
  /** Extra words the built-in filter matches besides `value` (a city, an offset, an email). */
  keywords?: string[];
};

type Props = {
  /** The trigger's id: point a `<Label htmlFor>` at it. */
  id?: string;
  /** With a name, the value is also submitted with the surrounding form. */
  name?: string;
  value: string | null;
  onValueChange: (value: string | null, option: ComboboxOption | null) => void;
  options: readonly ComboboxOption[];
  /** Shown in the closed field when nothing is chosen. */
  placeholder: string;
  /** The search box's accessible name and placeholder. */
  searchLabel: string;
  emptyText: string;
  /** The label of the clear button; without it the value cannot be cleared. */
  clearLabel?: string;
  /**
   * Server search: called as the person types, the list then shows `options` as given (no
   * filtering here). Without it, `options` are filtered in the browser by value and keywords.
   */
  onSearch?: (query: string) => void;
  loading?: boolean;
  /** Announced while a server search runs. */
  loadingLabel?: string;
  /** The text of the chosen option when `options` (e.g. a server search) do not hold it. */
  selectedText?: string;
  className?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'data-testid'?: string;
};

/**
 * One searchable picker for long lists (Radix Popover + cmdk). The closed field is a button
 * with role="combobox"; Enter, Space or the arrow keys open a search box whose list is driven
 * with the arrow keys, Enter picks, Escape closes, and focus returns to the field.
 */
export function Combobox({
  id,
  name,
  value,
  onValueChange,
  options,
  placeholder,
  searchLabel,
  emptyText,
  clearLabel,
  onSearch,
  loading = false,
  loadingLabel,
  selectedText,
  className,
  ...aria
}: Props) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  // Server search: the highlighted option is ours to keep, so that when new results arrive the
  // first one is highlighted and Enter picks it (cmdk only re-highlights after its own filtering).
  const [active, setActive] = useState('');
  useEffect(() => {
    if (onSearch && !options.some((o) => o.value === active)) setActive(options[0]?.value ?? '');
  }, [onSearch, options, active]);
  const selected = options.find((o) => o.value === value) ?? null;
  const shown = selected ? (selected.text ?? selected.value) : value ? (selectedText ?? value) : null;

  function changeOpen(next: boolean) {
    setOpen(next);
    if (!next && query) {
      setQuery('');
      onSearch?.('');
    }
  }

  return (
    <div className={cn('flex w-full min-w-0 items-center gap-1', className)}>
      <PopoverPrimitive.Root open={open} onOpenChange={changeOpen}>
        <PopoverPrimitive.Trigger asChild>
          <button
            id={id}
            type="button"
            role="combobox"
            aria-expanded={open}
            aria-invalid={aria['aria-invalid']}
            aria-describedby={aria['aria-describedby']}
            data-testid={aria['data-testid']}
            data-value={value ?? ''}
            onKeyDown={(e) => {
              if (!open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
                e.preventDefault();
                setOpen(true);
              }
            }}
            className="flex h-10 w-full min-w-0 items-center justify-between gap-2 rounded-md border border-input bg-background px-3 py-2 text-start text-base shadow-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring aria-invalid:border-destructive md:text-sm"
          >
            <span className={cn('truncate', !shown && 'text-muted-foreground')}>{shown ?? placeholder}</span>
            <ChevronsUpDownIcon aria-hidden="true" className="size-4 shrink-0 opacity-60" />
          </button>
        </PopoverPrimitive.Trigger>
        <PopoverPrimitive.Portal>
          <PopoverPrimitive.Content
            align="start"
            sideOffset={6}
            collisionPadding={8}
            aria-label={searchLabel}
            className="z-50 w-(--radix-popover-trigger-width) min-w-[min(18rem,calc(100vw-1rem))] max-w-[calc(100vw-1rem)] rounded-md border bg-popover p-0 text-popover-foreground shadow-md"
          >
            <Command
              shouldFilter={!onSearch}
              filter={matchScore}
              loop
              label={searchLabel}
              {...(onSearch ? { value: active, onValueChange: setActive } : {})}
            >
              <Command.Input
                value={query}
                onValueChange={(q) => {
                  setQuery(q);
                  onSearch?.(q);
                }}
                placeholder={searchLabel}
                aria-label={searchLabel}
                className="h-10 w-full border-b bg-transparent px-3 text-base outline-none placeholder:text-muted-foreground md:text-sm"
              />
              <Command.List className="max-h-72 overflow-y-auto overscroll-contain p-1">
                {loading ? (
                  <Command.Loading>
                    <span className="flex items-center gap-2 px-2 py-1.5 text-muted-foreground text-sm">
                      <LoaderCircleIcon aria-hidden="true" className="size-4 animate-spin" />
                      {loadingLabel}
                    </span>
                  </Command.Loading>
                ) : null}
                <Command.Empty className="px-2 py-3 text-center text-muted-foreground text-sm">
                  {emptyText}
                </Command.Empty>
                {options.map((option) => (
                  <Command.Item
                    key={option.value}
                    value={option.value}
                    keywords={option.keywords}
                    onSelect={() => {
                      onValueChange(option.value, option);
                      changeOpen(false);
                    }}
                    className="relative flex cursor-default select-none items-center gap-2 rounded-sm py-1.5 ps-8 pe-2 text-sm outline-none data-[selected=true]:bg-accent data-[selected=true]:text-accent-foreground"
                  >
                    {option.value === value ? (
                      <CheckIcon aria-hidden="true" className="absolute start-2 size-4" />
                    ) : null}
                    {option.label}
                  </Command.Item>
                ))}
              </Command.List>
            </Command>
          </PopoverPrimitive.Content>
        </PopoverPrimitive.Portal>
      </PopoverPrimitive.Root>
      {clearLabel && value ? (
        <button
          type="button"
          onClick={() => onValueChange(null, null)}
          aria-label={clearLabel}
          className="inline-flex size-10 shrink-0 items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-accent-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
        >
          <XIcon aria-hidden="true" className="size-4" />
        </button>
      ) : null}
      {name ? <input type="hidden" name={name} value={value ?? ''} /> : null}
    </div>
  );
}
