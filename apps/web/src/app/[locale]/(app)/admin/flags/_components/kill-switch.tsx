'use client';

import { Loader2Icon, OctagonXIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { InlineError } from '@/components/form/inline-error';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { useRouter } from '@/i18n/navigation';
import { adminFlagsApi } from '@/lib/flags/admin-api';
import { useRowActions } from '@/lib/forms/use-row-actions';
import { cn } from '@/lib/utils';

/**
 * The emergency stop: applied at once, apart from the editor's unsaved changes (it rewrites the
 * stored definition with only `killSwitch` changed), after a confirmation.
 */
export function KillSwitch({
  flagKey,
  killed,
  onChanged,
}: {
  flagKey: string;
  killed: boolean;
  onChanged: (killed: boolean, version: { previous: string; current: string }) => void;
}) {
  const t = useTranslations('AdminFlags.killSwitch');
  const router = useRouter();
  const { busy, error, run } = useRowActions();
  const [announcement, setAnnouncement] = useState('');
  const next = !killed;

  const apply = () =>
    run('kill', async () => {
      const current = await adminFlagsApi.get(flagKey);
      const saved = await adminFlagsApi.replace(flagKey, {
        ...(current.definition as Parameters<typeof adminFlagsApi.replace>[1]),
        killSwitch: next,
      });
      onChanged(next, { previous: current.updatedAt, current: saved.updatedAt });
      setAnnouncement(next ? t('killedNow') : t('restoredNow'));
      router.refresh();
    });

  return (
    <section
      aria-labelledby="kill-switch-title"
      className={cn(
        'flex flex-wrap items-center justify-between gap-4 rounded-xl border p-4',
        killed ? 'border-destructive/50 bg-destructive/10' : 'bg-card',
      )}
      data-testid="flag-kill-switch"
      data-killed={killed}
    >
      <div className="flex flex-col gap-1">
        <h2 id="kill-switch-title" className="flex items-center gap-2 font-semibold">
          <OctagonXIcon aria-hidden="true" className={cn('size-5', killed ? 'text-destructive' : '')} />
          {t('title')}
          <Badge variant={killed ? 'destructive' : 'secondary'} data-testid="flag-kill-switch-state">
            {killed ? t('on') : t('off')}
          </Badge>
        </h2>
        <p className="text-muted-foreground text-sm">{killed ? t('onLead') : t('offLead')}</p>
        <InlineError error={error} testId="flag-kill-switch-error" />
        <p aria-live="polite" className="sr-only">
          {announcement}
        </p>
      </div>
      <ConfirmDialog
        trigger={
          // A plain button, not role="switch": it opens a dialog first (aria-expanded is not
          // allowed on a switch), and its label says what it will do.
          <Button
            type="button"
            variant={killed ? 'outline' : 'destructive'}
            disabled={busy !== null}
            data-testid="flag-kill-switch-toggle"
          >
            {busy ? <Loader2Icon aria-hidden="true" className="animate-spin" /> : null}
            {next ? t('kill') : t('restore')}
          </Button>
        }
        title={next ? t('confirmKillTitle') : t('confirmRestoreTitle')}
        description={
          next ? t('confirmKillBody', { key: flagKey }) : t('confirmRestoreBody', { key: flagKey })
        }
        confirmLabel={next ? t('kill') : t('restore')}
        cancelLabel={t('cancel')}
        onConfirm={() => void apply()}
      />
    </section>
  );
}
