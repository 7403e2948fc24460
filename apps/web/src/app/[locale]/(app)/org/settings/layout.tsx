import { canInOrgAs, type OrgPermission } from '@repo/contracts';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { isImpersonating } from '@/lib/api/server';
import { getActiveOrganization } from '@/lib/orgs/active-org';
import { type OrgNavKey, OrgSettingsNav } from './_components/org-settings-nav';

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

/**
 * Which sections the caller's role may open (the permission table, shared with the API). Hiding
 * is a courtesy: the API refuses anything the role does not hold.
 */
const sections: { key: OrgNavKey; needs: OrgPermission[] }[] = [
  { key: 'general', needs: ['org:read'] },
  { key: 'members', needs: ['members:read'] },
  { key: 'invitations', needs: ['members:invite'] },
  { key: 'apiKeys', needs: ['apikeys:manage'] },
  // gen:org-settings-sections (`pnpm gen feature <name>` adds each resource's page above this line)
  { key: 'danger', needs: ['org:delete', 'org:leave'] },
];

/** Settings of the ACTIVE organization: the switcher in the header chooses which one. */
export default async function OrgSettingsLayout({ children, params }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('OrgSettings');
  const orgs = await getTranslations('Orgs');
  const [org, impersonating] = await Promise.all([getActiveOrganization(), isImpersonating()]);
  const visible = sections
    // A personal organization has no one to invite (the API refuses with org_personal).
    .filter(({ key }) => !(key === 'invitations' && org?.personal))
    .filter(({ needs }) => needs.some((p) => canInOrgAs(org?.role, p, impersonating)))
    .map(({ key }) => key);

  return (
    <div className="flex flex-col gap-6 md:flex-row md:gap-10">
      <aside className="md:w-48 md:shrink-0">
        <p className="mb-1 font-semibold text-muted-foreground text-xs uppercase tracking-wide">
          {t('title')}
        </p>
        {org ? (
          <p className="mb-3 flex flex-wrap items-center gap-2 text-sm" data-testid="org-settings-name">
            <span className="truncate font-medium">{org.name}</span>
            <Badge variant="outline" data-testid="org-settings-role">
              {orgs(`roles.${org.role}`)}
            </Badge>
          </p>
        ) : null}
        <OrgSettingsNav items={visible} />
      </aside>
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
