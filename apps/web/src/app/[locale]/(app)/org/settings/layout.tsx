import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Area } from '@/components/layout/area';
import { Badge } from '@/components/ui/badge';
import { getActiveOrganization } from '@/lib/orgs/active-org';

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

/**
 * Settings of the ACTIVE organization: the switcher in the shell chooses which one, and the
 * shell's navigation lists the pages the caller's role may open (ORG_NAV in
 * ../../_components/shell/nav-items.ts, ADR 0026). Each page checks the role again.
 */
export default async function OrgSettingsLayout({ children, params }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('OrgSettings');
  const orgs = await getTranslations('Orgs');
  const org = await getActiveOrganization();
  return (
    <Area
      name={t('title')}
      context={
        org ? (
          <span
            className="flex min-w-0 items-center gap-2 normal-case tracking-normal"
            data-testid="org-settings-name"
          >
            <bdi className="min-w-0 break-words font-semibold text-foreground text-sm">{org.name}</bdi>
            <Badge variant="outline" data-testid="org-settings-role">
              {orgs(`roles.${org.role}`)}
            </Badge>
          </span>
        ) : null
      }
    >
      {children}
    </Area>
  );
}
