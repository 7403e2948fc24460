'use client';

import { Loader2Icon, VenetianMaskIcon } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useId, useState } from 'react';
import { InlineError } from '@/components/form/inline-error';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { Label } from '@/components/ui/label';
import { isApiError } from '@/lib/api/api-error';
import { impersonationApi } from '@/lib/api/impersonation';
import { APP_HOME } from '@/lib/auth/paths';
import { useErrorText } from '@/lib/forms/error-text';
import { useReauth } from '../../../../_components/reauth-provider';

const REASON_MAX = 500;

/**
 * "See the app as this user" (D1, ADR 0019): the admin states why (kept on the session and in the
 * audit log), confirms their password if sudo has lapsed, and lands on the user's dashboard with
 * the impersonation banner. The browser's session becomes the user's until it ends.
 */
export function ImpersonateDialog({
  user,
  disabled,
}: {
  user: { id: string; name: string };
  disabled: boolean;
}) {
  const t = useTranslations('Impersonation');
  const common = useTranslations('AdminUsers');
  const locale = useLocale();
  const errorText = useErrorText();
  const withReauth = useReauth();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const valid = reason.trim().length >= 3;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!valid) return;
    setBusy(true);
    setError(null);
    try {
      await withReauth(() => impersonationApi.start(user.id, reason.trim()));
      // A full navigation: the whole app must re-render with the user's session.
      window.location.assign(`/${locale}${APP_HOME}`);
    } catch (e) {
      setBusy(false);
      if (isApiError(e, 'reauth_cancelled')) return;
      setError(isApiError(e) && e.status === 409 && e.detail ? e.detail : errorText(e));
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setReason('');
          setError(null);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" disabled={disabled} data-testid="admin-user-impersonate">
          <VenetianMaskIcon aria-hidden="true" />
          {t('start')}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={common('cancel')} data-testid="impersonate-dialog">
        <form onSubmit={onSubmit} className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>{t('dialogTitle', { name: user.name })}</DialogTitle>
            <DialogDescription>{t('dialogBody')}</DialogDescription>
          </DialogHeader>
          <div className="flex flex-col gap-2">
            <Label htmlFor={id}>{t('reasonLabel')}</Label>
            <textarea
              id={id}
              name="reason"
              required
              minLength={3}
              maxLength={REASON_MAX}
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-describedby={`${id}-hint`}
              className="min-h-20 w-full rounded-md border border-input bg-transparent px-3 py-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50"
            />
            <p id={`${id}-hint`} className="text-muted-foreground text-xs">
              {t('reasonHint')}
            </p>
          </div>
          <InlineError error={error} testId="impersonate-error" />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {common('cancel')}
            </Button>
            <Button type="submit" disabled={!valid || busy} data-testid="impersonate-confirm">
              {busy ? <Loader2Icon aria-hidden="true" className="animate-spin" /> : null}
              {t('confirm')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
