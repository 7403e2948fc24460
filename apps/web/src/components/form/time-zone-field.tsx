'use client';

import { useMemo, useState } from 'react';
import { Combobox, type ComboboxOption } from '@/components/ui/combobox';
import { canonicalZone, type TimeZoneOption } from '@/lib/time-zones';

type Props = {
  id: string;
  name: string;
  /** Built on the server (`timeZoneOptions`): browser and Node ICU data can differ, and the
   * offsets must be the ones of the moment the page was made, for hydration to match. */
  zones: readonly TimeZoneOption[];
  defaultValue: string;
  placeholder: string;
  searchLabel: string;
  emptyText: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
};

/** The profile's time zone: a searchable list of IANA names with their current UTC offsets. */
export function TimeZoneField({ zones, defaultValue, ...props }: Props) {
  // A profile saved with an old spelling (Asia/Calcutta) shows, and saves, the current one.
  const [value, setValue] = useState<string | null>(canonicalZone(defaultValue));
  const options = useMemo<ComboboxOption[]>(
    () =>
      zones.map((zone) => ({
        value: zone.value,
        text: zone.value === zone.offset ? zone.value : `${zone.value.replaceAll('_', ' ')} (${zone.offset})`,
        keywords: [zone.city, zone.region, zone.offset, ...zone.keywords],
        label: (
          <span className="flex w-full min-w-0 items-baseline gap-2">
            <span className="min-w-0 flex-1 truncate">
              <bdi>{zone.city}</bdi>
              {zone.region ? <span className="ms-2 text-muted-foreground text-xs">{zone.region}</span> : null}
            </span>
            <span dir="ltr" className="shrink-0 text-muted-foreground text-xs tabular-nums">
              {zone.offset}
            </span>
          </span>
        ),
      })),
    [zones],
  );
  return (
    <Combobox {...props} value={value} onValueChange={(next) => next && setValue(next)} options={options} />
  );
}
