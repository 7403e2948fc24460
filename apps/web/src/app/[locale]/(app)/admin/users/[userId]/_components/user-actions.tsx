'use client';

import type { AdminUserStatus } from '@repo/contracts';
import { Loader2Icon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { toast } from 'sonner';
import { InlineError } from '@/components/form/inline-error';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
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
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { useRouter } from '@/i18n/navigation';
import { adminUsersApi } from '@/lib/api/admin-users';
import { isApiError } from '@/lib/api/api-error';
import { useErrorText } from '@/lib/forms/error-text';
import { useReauth } from '../../../../_components/reauth-provider';
import { ImpersonateDialog } from './impersonate-dialog';

type ActionUser = {
  id: string;
  name: string;
  email: string;
  role: 'user' | 'admin';
  status: AdminUserStatus;
  emailVerified: boolean;
  twoFactorEnabled: boolean;
};

type ActionKey =
  | 'role'
  | 'disable'
  | 'enable'
  | 'signOut'
  | 'resetTwoFactor'
  | 'resendVerification'
  | 'delete';

/**
 * The audited account actions (D1). Each asks for confirmation; role changes and deletion need
 * sudo (the reauth dialog). The API enforces every rule — a 409 (the last admin, your own
 * account, a state that changed meanwhile) is shown with the API's own explanation.
 */
export function UserActions({ user, self }: { user: ActionUser; self: boolean }) {
  const t = useTranslations('AdminUsers');
  const router = useRouter();
  const errorText = useErrorText();
  const withReauth = useReauth();
  const [busy, setBusy] = useState<ActionKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const deleted = user.status === 'deleted';

  async function run(key: ActionKey, action: () => Promise<string>): Promise<boolean> {
    setBusy(key);
    setError(null);
    try {
      const message = await action();
      toast.success(message);
      router.refresh();
      return true;
    } catch (e) {
      if (isApiError(e, 'reauth_cancelled')) return false;
      // 409s explain themselves (last admin, self-protection): the API's sentence says why.
      const text = isApiError(e) && e.status === 409 && e.detail ? e.detail : errorText(e);
      setError(text);
      toast.error(text);
      return false;
    } finally {
      setBusy(null);
    }
  }

  const name = user.name;
  const nextRole = user.role === 'admin' ? 'user' : 'admin';

  function confirm(
    key: ActionKey,
    label: string,
    title: string,
    body: string,
    action: () => Promise<string>,
    variant: 'outline' | 'destructive' = 'outline',
  ): ReactNode {
    return (
      <ConfirmDialog
        trigger={
          <Button variant={variant} size="sm" disabled={busy !== null} data-testid={`admin-user-${key}`}>
            {busy === key ? <Loader2Icon aria-hidden="true" className="animate-spin" /> : null}
            {label}
          </Button>
        }
        title={title}
        description={body}
        confirmLabel={label}
        cancelLabel={t('cancel')}
        onConfirm={() => void run(key, action)}
      />
    );
  }

  if (deleted) return <p className="text-muted-foreground text-sm">{t('deletedNoActions')}</p>;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        {confirm(
          'role',
          nextRole === 'admin' ? t('actions.makeAdmin') : t('actions.removeAdmin'),
          nextRole === 'admin' ? t('confirm.makeAdminTitle') : t('confirm.removeAdminTitle'),
          nextRole === 'admin'
            ? t('confirm.makeAdminBody', { name })
            : t('confirm.removeAdminBody', { name }),
          async () => {
            await withReauth(() => adminUsersApi.changeRole(user.id, nextRole));
            return t('toast.roleChanged', { name, role: t(`roles.${nextRole}`) });
          },
        )}
        {user.status === 'disabled'
          ? confirm(
              'enable',
              t('actions.enable'),
              t('confirm.enableTitle'),
              t('confirm.enableBody', { name }),
              async () => {
                await adminUsersApi.enable(user.id);
                return t('toast.enabled', { name });
              },
            )
          : confirm(
              'disable',
              t('actions.disable'),
              t('confirm.disableTitle'),
              t('confirm.disableBody', { name }),
              async () => {
                await adminUsersApi.disable(user.id);
                return t('toast.disabled', { name });
              },
              'destructive',
            )}
        {confirm(
          'signOut',
          t('actions.signOut'),
          t('confirm.signOutTitle'),
          t('confirm.signOutBody', { name }),
          async () => {
            const { revokedSessions } = await adminUsersApi.signOut(user.id);
            return t('toast.signedOut', { count: revokedSessions });
          },
        )}
        {user.twoFactorEnabled
          ? confirm(
              'resetTwoFactor',
              t('actions.resetTwoFactor'),
              t('confirm.resetTwoFactorTitle'),
              t('confirm.resetTwoFactorBody', { name }),
              async () => {
                await adminUsersApi.resetTwoFactor(user.id);
                return t('toast.twoFactorReset', { name });
              },
            )
          : null}
        {!user.emailVerified
          ? confirm(
              'resendVerification',
              t('actions.resendVerification'),
              t('confirm.resendVerificationTitle'),
              t('confirm.resendVerificationBody', { email: user.email }),
              async () => {
                await adminUsersApi.resendVerification(user.id);
                return t('toast.verificationSent', { email: user.email });
              },
            )
          : null}
        {!self && user.role === 'user' && user.status === 'active' ? (
          <ImpersonateDialog user={user} disabled={busy !== null} />
        ) : null}
        <DeleteUserDialog
          user={user}
          disabled={busy !== null}
          busy={busy === 'delete'}
          onDelete={() =>
            run('delete', async () => {
              await withReauth(() => adminUsersApi.remove(user.id));
              return t('toast.deleted', { name });
            })
          }
        />
      </div>
      {self ? <p className="text-muted-foreground text-xs">{t('selfNote')}</p> : null}
      <InlineError error={error} testId="admin-user-action-error" />
    </div>
  );
}

/** Deletion is typed out: the admin enters the account's email address to confirm. */
function DeleteUserDialog({
  user,
  disabled,
  busy,
  onDelete,
}: {
  user: ActionUser;
  disabled: boolean;
  busy: boolean;
  onDelete: () => Promise<boolean>;
}) {
  const t = useTranslations('AdminUsers');
  const id = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const matches = typed.trim().toLowerCase() === user.email.toLowerCase();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!matches) return;
    setOpen(false);
    await onDelete();
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setTyped('');
      }}
    >
      <DialogTrigger asChild>
        <Button variant="destructive" size="sm" disabled={disabled} data-testid="admin-user-delete">
          {busy ? <Loader2Icon aria-hidden="true" className="animate-spin" /> : null}
          {t('actions.delete')}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t('cancel')} data-testid="admin-user-delete-dialog">
        <form onSubmit={onSubmit} className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>{t('confirm.deleteTitle')}</DialogTitle>
            <DialogDescription>{t('confirm.deleteBody', { name: user.name })}</DialogDescription>
          </DialogHeader>
          <div className="flex flex-col gap-2">
            <Label htmlFor={id}>{t('confirm.deleteTypeLabel', { email: user.email })}</Label>
            <Input
              id={id}
              dir="ltr"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {t('cancel')}
            </Button>
            <Button type="submit" variant="destructive" disabled={!matches}>
              {t('actions.delete')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
