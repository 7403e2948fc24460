import { AdminUserDetail } from '@repo/contracts';
import { ArrowLeftIcon } from 'lucide-react';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { DataTable, tdClass } from '@/components/data-table';
import { Section } from '@/components/layout/section';
import { Badge } from '@/components/ui/badge';
import { Link } from '@/i18n/navigation';
import { isApiError } from '@/lib/api/api-error';
import { getMe, serverGet } from '@/lib/api/server';
import { datesFor } from '@/lib/i18n/dates';
import { RoleBadge, StatusBadge, YesNo } from '../_components/user-badges';
import { RestoreUser } from './_components/restore-user';
import { UserActions } from './_components/user-actions';

type Props = { params: Promise<{ locale: string; userId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'AdminUsers' });
  return { title: t('detailTitle') };
}

async function loadUser(userId: string): Promise<AdminUserDetail> {
  try {
    return await serverGet(`/admin/users/${encodeURIComponent(userId)}`, AdminUserDetail);
  } catch (error) {
    // A malformed id (400) or an unknown one (404): the same "no such page".
    if (isApiError(error) && (error.status === 404 || error.status === 400)) notFound();
    throw error;
  }
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-muted-foreground text-xs">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

/** One account for support: profile, sessions, identities, memberships, activity, actions. */
export default async function AdminUserPage({ params }: Props) {
  const { locale, userId } = await params;
  setRequestLocale(locale);
  const [t, orgRoles, format, me, user] = await Promise.all([
    getTranslations('AdminUsers'),
    getTranslations('Orgs.roles'),
    getFormatter(),
    getMe(),
    loadUser(userId),
  ]);
  const timeZone = me?.timezone ?? 'UTC';
  const when = (iso: string | null | undefined) => datesFor(format, timeZone).dateTime(iso, t('never'));
  const dash = <span className="text-muted-foreground">—</span>;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3">
        <Link
          href="/admin/users"
          className="inline-flex w-fit items-center gap-1 text-muted-foreground text-sm hover:text-foreground"
        >
          <ArrowLeftIcon aria-hidden="true" className="size-4 rtl:rotate-180" />
          {t('backToList')}
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="font-semibold text-2xl tracking-tight" data-testid="admin-user-name">
            {user.name}
          </h1>
          <RoleBadge role={user.role} />
          <StatusBadge status={user.status} />
          {user.id === me?.id ? <Badge variant="outline">{t('you')}</Badge> : null}
        </div>
        <p className="text-muted-foreground text-sm">
          <bdi dir="ltr">{user.email}</bdi>
        </p>
      </div>

      <Section title={t('sections.actions')} description={t('actionsLead')} testId="admin-user-actions">
        {user.deletedAt && user.purgeAfter ? (
          <RestoreUser
            user={{ id: user.id, name: user.name }}
            deletedOn={when(user.deletedAt)}
            purgeOn={when(user.purgeAfter)}
            expired={new Date(user.purgeAfter).getTime() <= Date.now()}
          />
        ) : (
          <UserActions
            user={{
              id: user.id,
              name: user.name,
              email: user.email,
              role: user.role,
              status: user.status,
              emailVerified: user.emailVerified,
              twoFactorEnabled: user.twoFactorEnabled,
            }}
            self={user.id === me?.id}
          />
        )}
      </Section>

      <Section title={t('sections.profile')} testId="admin-user-profile">
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Field label={t('fields.id')}>
            <code className="break-all text-xs">{user.id}</code>
          </Field>
          <Field label={t('fields.email')}>
            <bdi dir="ltr">{user.email}</bdi>
          </Field>
          <Field label={t('fields.verified')}>
            <YesNo value={user.emailVerified} />
          </Field>
          <Field label={t('fields.twoFactor')}>
            <YesNo value={user.twoFactorEnabled} />
          </Field>
          <Field label={t('fields.password')}>
            <YesNo value={user.hasPassword} />
          </Field>
          <Field label={t('fields.locale')}>{user.locale}</Field>
          <Field label={t('fields.timezone')}>{user.timezone}</Field>
          <Field label={t('fields.createdAt')}>{when(user.createdAt)}</Field>
          <Field label={t('fields.updatedAt')}>{when(user.updatedAt)}</Field>
          <Field label={t('fields.lastSignIn')}>{when(user.lastSignInAt)}</Field>
          <Field label={t('fields.disabledAt')}>{user.disabledAt ? when(user.disabledAt) : dash}</Field>
          <Field label={t('fields.deletedAt')}>{user.deletedAt ? when(user.deletedAt) : dash}</Field>
        </dl>
      </Section>

      <Section title={t('sections.sessions')} testId="admin-user-sessions">
        <DataTable
          label={t('sections.sessions')}
          empty={t('noSessions')}
          rowCount={user.sessions.length}
          columns={[
            t('columns.device'),
            t('columns.ip'),
            t('columns.signedIn'),
            t('columns.lastUsed'),
            t('columns.expires'),
          ]}
        >
          {user.sessions.map((s) => (
            <tr key={s.id}>
              <td className={tdClass}>{s.device ?? t('unknownDevice')}</td>
              <td className={tdClass}>{s.ip ? <bdi dir="ltr">{s.ip}</bdi> : dash}</td>
              <td className={`${tdClass} whitespace-nowrap`}>{when(s.createdAt)}</td>
              <td className={`${tdClass} whitespace-nowrap`}>{when(s.lastUsedAt)}</td>
              <td className={`${tdClass} whitespace-nowrap`}>{when(s.expiresAt)}</td>
            </tr>
          ))}
        </DataTable>
      </Section>

      <Section title={t('sections.identities')} testId="admin-user-identities">
        <DataTable
          label={t('sections.identities')}
          empty={t('noIdentities')}
          rowCount={user.identities.length}
          columns={[t('columns.provider'), t('columns.email'), t('columns.linked'), t('columns.lastUsed')]}
        >
          {user.identities.map((i) => (
            <tr key={i.id}>
              <td className={tdClass}>{i.provider}</td>
              <td className={tdClass}>{i.email ? <bdi dir="ltr">{i.email}</bdi> : dash}</td>
              <td className={`${tdClass} whitespace-nowrap`}>{when(i.createdAt)}</td>
              <td className={`${tdClass} whitespace-nowrap`}>{when(i.lastUsedAt)}</td>
            </tr>
          ))}
        </DataTable>
      </Section>

      <Section title={t('sections.organizations')} testId="admin-user-organizations">
        <DataTable
          label={t('sections.organizations')}
          empty={t('noOrganizations')}
          rowCount={user.organizations.length}
          columns={[t('columns.organization'), t('columns.slug'), t('columns.orgRole'), t('columns.joined')]}
        >
          {user.organizations.map((o) => (
            <tr key={o.organizationId}>
              <td className={tdClass}>
                <Link
                  href={`/admin/organizations/${o.organizationId}`}
                  className="font-medium underline-offset-4 hover:underline"
                >
                  {o.name}
                </Link>
                {o.personal ? (
                  <Badge variant="outline" className="ms-2">
                    {t('personal')}
                  </Badge>
                ) : null}
              </td>
              <td className={tdClass}>
                <bdi dir="ltr">{o.slug}</bdi>
              </td>
              <td className={tdClass}>{orgRoles(o.role)}</td>
              <td className={`${tdClass} whitespace-nowrap`}>{when(o.joinedAt)}</td>
            </tr>
          ))}
        </DataTable>
      </Section>

      <Section
        title={t('sections.activity')}
        description={t('activityLead')}
        action={
          <Link
            href={`/admin/audit?targetType=user&targetId=${encodeURIComponent(user.id)}`}
            className="text-sm underline-offset-4 hover:underline"
          >
            {t('openAudit')}
          </Link>
        }
        testId="admin-user-activity"
      >
        <DataTable
          label={t('sections.activity')}
          empty={t('noActivity')}
          rowCount={user.activity.length}
          columns={[
            t('columns.when'),
            t('columns.action'),
            t('columns.actor'),
            t('columns.target'),
            t('columns.ip'),
          ]}
        >
          {user.activity.map((a) => (
            <tr key={a.id}>
              <td className={`${tdClass} whitespace-nowrap`}>{when(a.createdAt)}</td>
              <td className={tdClass}>
                <code className="text-xs">{a.action}</code>
              </td>
              <td className={tdClass}>
                {a.actorId === null ? (
                  t('system')
                ) : a.actorId === user.id ? (
                  t('thisUser')
                ) : (
                  <Link href={`/admin/users/${a.actorId}`} className="underline-offset-4 hover:underline">
                    {t('otherUser')}
                  </Link>
                )}
              </td>
              <td className={tdClass}>
                {a.targetType ? (
                  <span>
                    {a.targetType}
                    {a.targetId === user.id ? ` (${t('thisUser')})` : null}
                  </span>
                ) : (
                  dash
                )}
              </td>
              <td className={tdClass}>{a.ip ? <bdi dir="ltr">{a.ip}</bdi> : dash}</td>
            </tr>
          ))}
        </DataTable>
      </Section>
    </div>
  );
}
