'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { Section } from '@/components/layout/section';
import { Badge } from '@/components/ui/badge';
import { FLAGS } from '@/lib/flags/keys';
import { useCompactTablesPreference, useFlag } from '@/lib/flags/provider';

/**
 * Beta features this user may try (flag `settings.compact-tables`). The preference is stored in
 * this browser's localStorage only; turning the flag off hides the section and drops the effect.
 */
export function BetaSection() {
  const t = useTranslations('Flags.beta');
  const enabled = useFlag(FLAGS.compactTables);
  const [compact, setCompact] = useCompactTablesPreference();
  const id = useId();
  if (!enabled) return null;

  return (
    <Section
      testId="beta-section"
      title={t('title')}
      description={t('description')}
      action={<Badge variant="secondary">{t('badge')}</Badge>}
    >
      <div className="flex items-start gap-3">
        <input
          id={id}
          type="checkbox"
          role="switch"
          aria-checked={compact}
          aria-describedby={`${id}-hint`}
          checked={compact}
          onChange={(event) => setCompact(event.target.checked)}
          className="mt-0.5 size-4 shrink-0 accent-primary"
          data-testid="compact-tables-toggle"
        />
        <div className="flex flex-col gap-1">
          <label htmlFor={id} className="font-medium text-sm leading-none">
            {t('compactTables')}
          </label>
          <p id={`${id}-hint`} className="text-muted-foreground text-sm">
            {t('compactTablesHint')}
          </p>
        </div>
      </div>
    </Section>
  );
}
