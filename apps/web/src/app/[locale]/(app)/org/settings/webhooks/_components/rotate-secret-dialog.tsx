'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';

/** Overlap choices: how long the previous secret keeps signing next to the new one. */
export const OVERLAPS = { none: 0, hour: 3600, day: 86_400 } as const;
type Overlap = keyof typeof OVERLAPS;

/** "Rotate secret?" with the overlap choice; `onConfirm` gets the overlap in seconds. */
export function RotateSecretDialog({
  disabled,
  onConfirm,
}: {
  disabled: boolean;
  onConfirm: (overlapSeconds: number) => void;
}) {
  const t = useTranslations('Webhooks.rotate');
  const id = useId();
  const [overlap, setOverlap] = useState<Overlap>('day');
  return (
    <AlertDialog onOpenChange={(open) => open && setOverlap('day')}>
      <AlertDialogTrigger asChild>
        <Button variant="outline" size="sm" disabled={disabled} data-testid="webhook-rotate">
          {t('open')}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <div className="flex flex-col gap-1.5 text-start">
          <AlertDialogTitle>{t('title')}</AlertDialogTitle>
          <AlertDialogDescription>{t('body')}</AlertDialogDescription>
        </div>
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-2 font-medium text-sm">{t('overlapLegend')}</legend>
          {(Object.keys(OVERLAPS) as Overlap[]).map((choice) => (
            <div key={choice} className="flex items-center gap-2">
              <input
                id={`${id}-${choice}`}
                type="radio"
                name="overlap"
                value={choice}
                checked={overlap === choice}
                onChange={() => setOverlap(choice)}
                className="size-4 accent-primary"
              />
              <label htmlFor={`${id}-${choice}`} className="text-sm">
                {t(`overlap.${choice}`)}
              </label>
            </div>
          ))}
        </fieldset>
        <AlertDialogFooter>
          <AlertDialogCancel>{t('cancel')}</AlertDialogCancel>
          <AlertDialogAction onClick={() => onConfirm(OVERLAPS[overlap])}>{t('confirm')}</AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
