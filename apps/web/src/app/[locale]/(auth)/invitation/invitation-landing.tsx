'use client';

import { type InvitationPreview, Me } from '@repo/contracts';
import { Loader2Icon } from 'lucide-react';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { InlineError } from '@/components/form/inline-error';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Link } from '@/i18n/navigation';
import { api } from '@/lib/api/client';
import { invitationsApi } from '@/lib/api/orgs';
import { useErrorText } from '@/lib/forms/error-text';
import { enterOrganization } from './enter-organization';
import { InvitationSignUpForm } from './invitation-sign-up-form';

type State =
  | { kind: 'loading' }
  | { kind: 'invalid'; message: string }
  | { kind: 'ready'; preview: InvitationPreview; me: Me | null }
  | { kind: 'declined'; organization: string };

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function InvitationLanding({ token }: { token: string }) {
  const t = useTranslations('InvitationLanding');
  const roles = useTranslations('Orgs.roles');
  const format = useFormatter();
  const locale = useLocale();
  const errorText = useErrorText();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [busy, setBusy] = useState<'accept' | 'decline' | 'signOut' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    // React strict mode runs effects twice in development: one preview is enough.
    if (started.current) return;
    started.current = true;
    Promise.all([
      invitationsApi.preview(token),
      // Signed out (or an expired session the refresh cannot renew) is simply "no one".
      api.get('/me', { schema: Me }).catch(() => null),
    ]).then(
      ([preview, me]) => setState({ kind: 'ready', preview, me }),
      (e: unknown) => setState({ kind: 'invalid', message: errorText(e) }),
    );
  }, [token, errorText]);

  async function act(kind: 'accept' | 'decline' | 'signOut', action: () => Promise<void>) {
    setBusy(kind);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  if (state.kind === 'loading') {
    return (
      <p role="status" className="flex items-center gap-3 text-muted-foreground">
        <Loader2Icon aria-hidden="true" className="size-5 animate-spin" />
        {t('loading')}
      </p>
    );
  }
  if (state.kind === 'invalid') {
    return (
      <div className="flex flex-col gap-4" data-testid="invitation-invalid">
        <FormAlert>{state.message}</FormAlert>
        <Button asChild variant="outline">
          <Link href="/">{t('home')}</Link>
        </Button>
      </div>
    );
  }
  if (state.kind === 'declined') {
    return (
      <div className="flex flex-col gap-4" data-testid="invitation-declined">
        <FormAlert variant="success">{t('declined', { organization: state.organization })}</FormAlert>
        <Button asChild variant="outline">
          <Link href="/">{t('home')}</Link>
        </Button>
      </div>
    );
  }

  const { preview, me } = state;
  const organization = preview.organization.name;
  const here = `/${locale}/invitation?token=${encodeURIComponent(token)}`;

  const decline = (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" disabled={busy !== null} data-testid="invitation-decline">
          {t('decline')}
        </Button>
      }
      title={t('confirmDeclineTitle')}
      description={t('confirmDeclineBody', { organization })}
      confirmLabel={t('decline')}
      cancelLabel={t('cancel')}
      onConfirm={() =>
        void act('decline', async () => {
          await invitationsApi.decline(token);
          setState({ kind: 'declined', organization });
        })
      }
    />
  );

  let action: ReactNode;
  if (me && sameEmail(me.email, preview.email)) {
    action = (
      <div className="flex flex-wrap gap-2">
        <Button
          disabled={busy !== null}
          data-testid="invitation-accept"
          onClick={() =>
            void act('accept', async () => {
              const accepted = await invitationsApi.accept(token);
              await enterOrganization(locale, accepted.organization.id);
            })
          }
        >
          {busy === 'accept' ? <Loader2Icon aria-hidden="true" className="animate-spin" /> : null}
          {t('accept')}
        </Button>
        {decline}
      </div>
    );
  } else if (me) {
    action = (
      <div className="flex flex-col gap-4" data-testid="invitation-other-account">
        <FormAlert>
          {t.rich('otherAccount', {
            current: me.email,
            invited: preview.email,
            email: (chunks) => (
              <bdi dir="ltr" className="font-medium">
                {chunks}
              </bdi>
            ),
          })}
        </FormAlert>
        <div>
          <Button
            variant="outline"
            disabled={busy !== null}
            onClick={() =>
              void act('signOut', async () => {
                await api.post('/auth/sign-out').catch(() => undefined);
                window.location.assign(here);
              })
            }
          >
            {t('signOut')}
          </Button>
        </div>
      </div>
    );
  } else if (preview.accountExists) {
    action = (
      <div className="flex flex-col gap-3">
        <p className="text-muted-foreground text-sm">{t('signInLead')}</p>
        <div className="flex flex-wrap gap-2">
          <Button asChild data-testid="invitation-sign-in">
            <Link href={`/sign-in?next=${encodeURIComponent(here)}`}>{t('signIn')}</Link>
          </Button>
          {decline}
        </div>
      </div>
    );
  } else {
    action = (
      <div className="flex flex-col gap-4">
        <p className="text-muted-foreground text-sm">{t('signUpLead')}</p>
        <InvitationSignUpForm token={token} email={preview.email} />
        <div className="flex items-center justify-center gap-2 text-muted-foreground text-sm">
          {t('notInterested')} {decline}
        </div>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-6" data-testid="invitation-preview">
      <p className="text-sm">
        {preview.invitedBy
          ? t.rich('leadBy', {
              inviter: preview.invitedBy,
              organization,
              strong: (chunks) => <strong className="font-semibold">{chunks}</strong>,
            })
          : t.rich('lead', {
              organization,
              strong: (chunks) => <strong className="font-semibold">{chunks}</strong>,
            })}
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg border bg-muted/40 p-4 text-sm">
        <dt className="text-muted-foreground">{t('organization')}</dt>
        <dd className="font-medium" data-testid="invitation-org">
          {organization}
        </dd>
        <dt className="text-muted-foreground">{t('role')}</dt>
        <dd data-testid="invitation-role">{roles(preview.role)}</dd>
        <dt className="text-muted-foreground">{t('email')}</dt>
        <dd>
          <bdi dir="ltr">{preview.email}</bdi>
        </dd>
        <dt className="text-muted-foreground">{t('expires')}</dt>
        <dd>{format.dateTime(new Date(preview.expiresAt), { dateStyle: 'medium', timeStyle: 'short' })}</dd>
      </dl>
      <InlineError error={error} testId="invitation-error" />
      {action}
    </div>
  );
}
