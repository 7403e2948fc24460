'use client';

import { Loader2Icon, Trash2Icon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { InlineError } from '@/components/form/inline-error';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { useRouter } from '@/i18n/navigation';
import { adminFlagsApi } from '@/lib/flags/admin-api';
import { useRowActions } from '@/lib/forms/use-row-actions';

/** Deleting a flag: code asking for it falls back to its own default (usually off). Audited. */
export function DeleteFlag({ flagKey }: { flagKey: string }) {
  const t = useTranslations('AdminFlags.delete');
  const router = useRouter();
  const { busy, error, run } = useRowActions();
  return (
    <div className="flex flex-col gap-2">
      <ConfirmDialog
        trigger={
          <Button
            type="button"
            variant="destructive"
            className="self-start"
            disabled={busy !== null}
            data-testid="flag-delete"
          >
            {busy ? (
              <Loader2Icon aria-hidden="true" className="animate-spin" />
            ) : (
              <Trash2Icon aria-hidden="true" />
            )}
            {t('action')}
          </Button>
        }
        title={t('confirmTitle')}
        description={t('confirmBody', { key: flagKey })}
        confirmLabel={t('action')}
        cancelLabel={t('cancel')}
        onConfirm={() =>
          void run('delete', async () => {
            await adminFlagsApi.remove(flagKey);
            toast.success(t('done', { key: flagKey }));
            router.push('/admin/flags');
          })
        }
      />
      <InlineError error={error} testId="flag-delete-error" />
    </div>
  );
}
