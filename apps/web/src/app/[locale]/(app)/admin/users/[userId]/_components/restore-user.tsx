'use client';

import { Loader2Icon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { InlineError } from '@/components/form/inline-error';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { useRouter } from '@/i18n/navigation';
import { adminUsersApi } from '@/lib/api/admin-users';
import { isApiError } from '@/lib/api/api-error';
import { useErrorText } from '@/lib/forms/error-text';
import { useReauth } from '../../../../_components/reauth-provider';

/**
 * A deleted account (D1): when it was deleted, when the worker purges it, and — until then — a
 * Restore action (sudo, like the deletion). Dates come formatted from the page (the admin's zone).
 */
export function RestoreUser({
  user,
  deletedOn,
  purgeOn,
  expired,
}: {
  user: { id: string; name: string };
  deletedOn: string;
  purgeOn: string;
  /** The grace period is over: the next purge run removes the account, restoring is refused. */
  expired: boolean;
}) {
  const t = useTranslations('AdminUsers');
  const router = useRouter();
  const errorText = useErrorText();
  const withReauth = useReauth();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onRestore() {
    setBusy(true);
    setError(null);
    try {
      await withReauth(() => adminUsersApi.restore(user.id));
      toast.success(t('restore.toast', { name: user.name }));
      router.refresh();
    } catch (e) {
      if (isApiError(e, 'reauth_cancelled')) return;
      const text = errorText(e);
      setError(text);
      toast.error(text);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-3" data-testid="admin-user-deleted">
      <p className="text-sm">
        {expired ? t('restore.expired', { deletedOn }) : t('restore.notice', { deletedOn, purgeOn })}
      </p>
      {expired ? null : (
        <div>
          <ConfirmDialog
            trigger={
              <Button variant="outline" size="sm" disabled={busy} data-testid="admin-user-restore">
                {busy ? <Loader2Icon aria-hidden="true" className="animate-spin" /> : null}
                {t('restore.action')}
              </Button>
            }
            title={t('restore.confirmTitle')}
            description={t('restore.confirmBody', { name: user.name })}
            confirmLabel={t('restore.action')}
            cancelLabel={t('cancel')}
            onConfirm={() => void onRestore()}
          />
        </div>
      )}
      <InlineError error={error} testId="admin-user-restore-error" />
    </div>
  );
}
