'use client';

import type { Invitation, OrgRole } from '@repo/contracts';
import { Loader2Icon, MailIcon } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { InlineError } from '@/components/form/inline-error';
import { Section } from '@/components/layout/section';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { type InvitationPage, invitationsApi } from '@/lib/api/orgs';
import { useErrorText } from '@/lib/forms/error-text';
import { useRowActions } from '@/lib/forms/use-row-actions';
import { datesFor } from '@/lib/i18n/dates';
import { InviteForm } from './invite-form';

type Props = {
  orgId: string;
  myRole: OrgRole;
  initial: InvitationPage;
  timeZone: string;
  /** The Members page shows the list only while something is pending; this page always does. */
  hideEmptyList?: boolean;
};

/**
 * The invite form and the pending invitations (members:invite): who, which role, until when;
 * resend or revoke. Used by the Invitations page and, above the member list, the Members page.
 */
export function InvitationsPanel({ orgId, myRole, initial, timeZone, hideEmptyList = false }: Props) {
  const t = useTranslations('Invitations');
  const roles = useTranslations('Orgs.roles');
  const format = useFormatter();
  const errorText = useErrorText();
  const [items, setItems] = useState<Invitation[]>(initial.invitations);
  const [nextCursor, setNextCursor] = useState(initial.nextCursor);
  const [loading, setLoading] = useState<'reload' | 'more' | null>(null);
  const { busy, error, setError, run } = useRowActions();
  const when = datesFor(format, timeZone).dateTime;

  async function load(kind: 'reload' | 'more') {
    setLoading(kind);
    setError(null);
    try {
      const page = await invitationsApi.list(orgId, {
        limit: 50,
        cursor: kind === 'more' ? nextCursor : undefined,
      });
      setItems((current) => (kind === 'more' ? [...current, ...page.invitations] : page.invitations));
      setNextCursor(page.nextCursor);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(null);
    }
  }

  const resend = (inv: Invitation) =>
    run(inv.id, async () => {
      const updated = await invitationsApi.resend(orgId, inv.id);
      setItems((list) => list.map((x) => (x.id === inv.id ? updated : x)));
      toast.success(t('resent', { email: inv.email }));
    });

  const revoke = (inv: Invitation) =>
    run(inv.id, async () => {
      await invitationsApi.revoke(orgId, inv.id);
      setItems((list) => list.filter((x) => x.id !== inv.id));
      toast.success(t('revoked', { email: inv.email }));
    });

  return (
    <div className="flex flex-col gap-6">
      <Section title={t('inviteTitle')} description={t('inviteLead')} testId="invite-section">
        <InviteForm orgId={orgId} myRole={myRole} onInvited={() => void load('reload')} />
      </Section>
      {hideEmptyList && items.length === 0 && !nextCursor ? null : (
        <Section title={t('listTitle')} description={t('listLead')} testId="invitations-section">
          <div className="flex flex-col gap-4">
            <InlineError error={error} testId="invitations-error" />
            {items.length === 0 ? (
              <p className="rounded-lg border border-dashed p-6 text-center text-muted-foreground text-sm">
                {t('empty')}
              </p>
            ) : (
              <ul
                className="divide-y rounded-lg border"
                data-testid="invitations-list"
                aria-busy={loading !== null}
              >
                {items.map((inv) => {
                  const expired = inv.status === 'expired';
                  return (
                    <li
                      key={inv.id}
                      className="flex flex-wrap items-center gap-x-4 gap-y-3 p-4"
                      data-testid="invitation-row"
                      data-email={inv.email}
                    >
                      <MailIcon aria-hidden="true" className="size-5 shrink-0 text-muted-foreground" />
                      <div className="flex min-w-0 flex-1 basis-56 flex-col gap-1">
                        <p className="flex flex-wrap items-center gap-2 font-medium text-sm">
                          <bdi dir="ltr" className="break-all rtl:text-right">
                            {inv.email}
                          </bdi>
                          <Badge variant="outline">{roles(inv.role)}</Badge>
                          <Badge
                            variant={expired ? 'destructive' : 'secondary'}
                            data-testid="invitation-status"
                          >
                            {t(`status.${inv.status}`)}
                          </Badge>
                        </p>
                        <p className="text-muted-foreground text-xs">
                          {expired
                            ? t('expiredOn', { date: when(inv.expiresAt) })
                            : t('expires', { date: when(inv.expiresAt) })}
                          {' · '}
                          {inv.invitedBy ? t('invitedBy', { name: inv.invitedBy.name }) : t('invitedByKey')}
                          {' · '}
                          {t('sent', { count: inv.sendCount, date: when(inv.lastSentAt) })}
                        </p>
                      </div>
                      <Button
                        variant="outline"
                        size="sm"
                        disabled={busy !== null}
                        aria-label={t('resendLabel', { email: inv.email })}
                        onClick={() => void resend(inv)}
                      >
                        {busy === inv.id ? <Loader2Icon aria-hidden="true" className="animate-spin" /> : null}
                        {t('resend')}
                      </Button>
                      <ConfirmDialog
                        trigger={
                          <Button
                            variant="ghost"
                            size="sm"
                            disabled={busy !== null}
                            aria-label={t('revokeLabel', { email: inv.email })}
                          >
                            {t('revoke')}
                          </Button>
                        }
                        title={t('confirmRevokeTitle')}
                        description={t('confirmRevokeBody', { email: inv.email })}
                        confirmLabel={t('revoke')}
                        cancelLabel={t('cancel')}
                        onConfirm={() => void revoke(inv)}
                      />
                    </li>
                  );
                })}
              </ul>
            )}
            {nextCursor ? (
              <div>
                <Button variant="outline" onClick={() => void load('more')} disabled={loading !== null}>
                  {loading === 'more' ? <Loader2Icon aria-hidden="true" className="animate-spin" /> : null}
                  {t('loadMore')}
                </Button>
              </div>
            ) : null}
          </div>
        </Section>
      )}
    </div>
  );
}
