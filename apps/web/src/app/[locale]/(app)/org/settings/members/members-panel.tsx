'use client';

import { canInOrgAs, canManageMember, type Member, type OrgRole } from '@repo/contracts';
import { Loader2Icon, SearchIcon } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { type FormEvent, useId, useState } from 'react';
import { toast } from 'sonner';
import { InlineError } from '@/components/form/inline-error';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { useRouter } from '@/i18n/navigation';
import { type MemberPage, membersApi, orgsApi } from '@/lib/api/orgs';
import { useErrorText } from '@/lib/forms/error-text';
import { useRowActions } from '@/lib/forms/use-row-actions';
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
  const errorText = useErrorText();
  const withReauth = useReauth();
  const searchId = useId();
  const [members, setMembers] = useState<Member[]>(initial.members);
  const [nextCursor, setNextCursor] = useState(initial.nextCursor);
  const [query, setQuery] = useState('');
  const [applied, setApplied] = useState('');
  const [loading, setLoading] = useState<'search' | 'more' | null>(null);
  const { busy, error, setError, run } = useRowActions();
  const canManage = canInOrgAs(myRole, 'members:manage', impersonating);
  const canTransfer = canInOrgAs(myRole, 'org:transfer', impersonating) && !personal;

  async function load(kind: 'search' | 'more', q: string) {
    setLoading(kind);
    setError(null);
    try {
      const page = await membersApi.list(orgId, {
        q,
        limit: PAGE,
        cursor: kind === 'more' ? nextCursor : undefined,
      });
      setMembers((current) => (kind === 'more' ? [...current, ...page.members] : page.members));
      setNextCursor(page.nextCursor);
      setApplied(q);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(null);
    }
  }

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void load('search', query);
  }

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

  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeZone });

  return (
    <div className="flex flex-col gap-4">
      <search>
        <form onSubmit={onSearch} className="flex flex-wrap items-end gap-2" data-testid="members-search">
          <div className="flex min-w-48 flex-1 flex-col gap-2">
            <Label htmlFor={searchId}>{t('searchLabel')}</Label>
            <Input
              id={searchId}
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              maxLength={100}
              autoComplete="off"
            />
          </div>
          <Button type="submit" variant="outline" disabled={loading !== null}>
            {loading === 'search' ? (
              <Loader2Icon aria-hidden="true" className="animate-spin" />
            ) : (
              <SearchIcon aria-hidden="true" />
            )}
            {t('search')}
          </Button>
        </form>
      </search>
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
          <Button
            variant="outline"
            onClick={() => void load('more', applied)}
            disabled={loading !== null}
            data-testid="members-more"
          >
            {loading === 'more' ? <Loader2Icon aria-hidden="true" className="animate-spin" /> : null}
            {t('loadMore')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
