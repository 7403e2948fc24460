'use client';

import { canInOrgAs, canManageMember, type Member, type OrgRole } from '@repo/contracts';
import { Loader2Icon } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { InlineError } from '@/components/form/inline-error';
import { ListSearch, LoadMore } from '@/components/form/list-controls';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { NativeSelect } from '@/components/ui/native-select';
import { UserAvatar } from '@/components/user-avatar';
import { useRouter } from '@/i18n/navigation';
import { type MemberPage, membersApi, orgsApi } from '@/lib/api/orgs';
import { usePagedList } from '@/lib/forms/use-paged-list';
import { useRowActions } from '@/lib/forms/use-row-actions';
import { datesFor } from '@/lib/i18n/dates';
import { useReauth } from '../../../_components/reauth-provider';
import { grantableRoles } from '../_components/role-options';

type Props = {
  orgId: string;
  myRole: OrgRole;
  /** A personal organization stays with its account: no ownership transfer. */
  personal: boolean;
  /** An admin acting as this member may not change the membership (D1). */
  impersonating: boolean;
  myUserId: string;
  initial: MemberPage;
  timeZone: string;
};

const PAGE = 50;

/**
 * Members of the active organization: search, "load more", and — where the caller's role allows
 * (members:manage, never above its own rank) — role changes and removal; owners can hand over
 * ownership (sudo). The API enforces every rule again; this only hides what would be refused.
 */
export function MembersPanel({ orgId, myRole, personal, impersonating, myUserId, initial, timeZone }: Props) {
  const t = useTranslations('Members');
  const roles = useTranslations('Orgs.roles');
  const format = useFormatter();
  const router = useRouter();
  const withReauth = useReauth();
  const { busy, error, setError, run } = useRowActions();
  const {
    items: members,
    setItems: setMembers,
    nextCursor,
    applied,
    loading,
    reload,
    more,
  } = usePagedList<Member, string>({
    initial: { items: initial.members, nextCursor: initial.nextCursor },
    initialQuery: '',
    fetchPage: async (q, cursor) => {
      const page = await membersApi.list(orgId, { q, limit: PAGE, cursor });
      return { items: page.members, nextCursor: page.nextCursor };
    },
    setError,
  });
  const canManage = canInOrgAs(myRole, 'members:manage', impersonating);
  const canTransfer = canInOrgAs(myRole, 'org:transfer', impersonating) && !personal;

  const changeRole = (m: Member, role: OrgRole) =>
    run(m.userId, async () => {
      const updated = await membersApi.changeRole(orgId, m.userId, role);
      setMembers((list) => list.map((x) => (x.userId === m.userId ? updated : x)));
      toast.success(t('roleChanged', { name: m.name, role: roles(updated.role) }));
    });

  const remove = (m: Member) =>
    run(m.userId, async () => {
      await membersApi.remove(orgId, m.userId);
      setMembers((list) => list.filter((x) => x.userId !== m.userId));
      toast.success(t('removed', { name: m.name }));
      router.refresh();
    });

  const transfer = (m: Member) =>
    run(m.userId, async () => {
      await withReauth(() => orgsApi.transferOwnership(orgId, m.userId));
      toast.success(t('transferred', { name: m.name }));
      // The caller's own role changed: the server re-renders nav, permissions and this list.
      router.refresh();
    });

  const when = datesFor(format, timeZone).date;

  return (
    <div className="flex flex-col gap-4">
      <ListSearch
        label={t('searchLabel')}
        submitLabel={t('search')}
        busy={loading !== null}
        searching={loading === 'reload'}
        onSearch={(q) => void reload(q)}
        testId="members-search"
      />
      <InlineError error={error} testId="members-error" />
      {members.length === 0 ? (
        <p className="rounded-lg border border-dashed p-6 text-center text-muted-foreground text-sm">
          {applied ? t('noMatch', { query: applied }) : t('empty')}
        </p>
      ) : (
        <ul className="divide-y rounded-lg border" data-testid="members-list" aria-busy={loading !== null}>
          {members.map((m) => {
            const self = m.userId === myUserId;
            const manageable = canManage && !self && canManageMember(myRole, m.role);
            return (
              <li
                key={m.userId}
                className="flex flex-wrap items-center gap-x-4 gap-y-3 p-4"
                data-testid="member-row"
                data-email={m.email}
              >
                <div className="flex min-w-0 flex-1 basis-56 items-center gap-3">
                  <UserAvatar name={m.name} src={m.avatarUrl} size="md" testId="member-avatar" />
                  <div className="flex min-w-0 flex-1 flex-col gap-1">
                    <p className="flex flex-wrap items-center gap-2 font-medium text-sm">
                      <span className="truncate">{m.name}</span>
                      {self ? <Badge variant="secondary">{t('you')}</Badge> : null}
                    </p>
                    <p className="text-muted-foreground text-xs">
                      <bdi dir="ltr">{m.email}</bdi>
                      {' · '}
                      {t('joined', { date: when(m.joinedAt) })}
                    </p>
                  </div>
                </div>
                {manageable ? (
                  <NativeSelect
                    aria-label={t('roleFor', { name: m.name })}
                    value={m.role}
                    disabled={busy !== null}
                    onChange={(e) => void changeRole(m, e.target.value as OrgRole)}
                    className="w-36"
                    data-testid="member-role-select"
                  >
                    {grantableRoles(myRole).map((role) => (
                      <option key={role} value={role}>
                        {roles(role)}
                      </option>
                    ))}
                  </NativeSelect>
                ) : (
                  <Badge variant="outline" data-testid="member-role">
                    {roles(m.role)}
                  </Badge>
                )}
                {canTransfer && !self && m.role !== 'owner' ? (
                  <ConfirmDialog
                    trigger={
                      <Button
                        variant="ghost"
                        size="sm"
                        disabled={busy !== null}
                        aria-label={t('transferLabel', { name: m.name })}
                      >
                        {t('transfer')}
                      </Button>
                    }
                    title={t('confirmTransferTitle')}
                    description={t('confirmTransferBody', { name: m.name })}
                    confirmLabel={t('transfer')}
                    cancelLabel={t('cancel')}
                    onConfirm={() => void transfer(m)}
                  />
                ) : null}
                {manageable ? (
                  <ConfirmDialog
                    trigger={
                      <Button
                        variant="ghost"
                        size="sm"
                        disabled={busy !== null}
                        aria-label={t('removeLabel', { name: m.name })}
                      >
                        {busy === m.userId ? (
                          <Loader2Icon aria-hidden="true" className="animate-spin" />
                        ) : null}
                        {t('remove')}
                      </Button>
                    }
                    title={t('confirmRemoveTitle')}
                    description={t('confirmRemoveBody', { name: m.name })}
                    confirmLabel={t('remove')}
                    cancelLabel={t('cancel')}
                    onConfirm={() => void remove(m)}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {nextCursor ? (
        <div>
          <LoadMore
            label={t('loadMore')}
            busy={loading !== null}
            loading={loading === 'more'}
            onClick={() => void more()}
            testId="members-more"
          />
        </div>
      ) : null}
    </div>
  );
}
