import { Building2Icon } from 'lucide-react';
import { unstable_rethrow } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardDescription, CardHeader } from '@/components/ui/card';
import { Link } from '@/i18n/navigation';
import { getActiveOrganization } from '@/lib/orgs/active-org';

/** The organization the app is working in, with the caller's role in it (A8). */
export async function ActiveOrgCard() {
  const t = await getTranslations('Orgs');
  let org: Awaited<ReturnType<typeof getActiveOrganization>>;
  try {
    org = await getActiveOrganization();
  } catch (error) {
    unstable_rethrow(error);
    return null;
  }
  if (!org) return null;
  return (
    <Card data-testid="active-org-card">
      <CardHeader className="flex-row flex-wrap items-center gap-4">
        <Building2Icon aria-hidden="true" className="size-5 shrink-0 text-primary" />
        <div className="flex min-w-48 flex-1 flex-col gap-1">
          <h2 className="flex flex-wrap items-center gap-2 font-semibold text-lg leading-tight tracking-tight">
            <span className="truncate" data-testid="active-org-name">
              {org.name}
            </span>
            {org.personal ? <Badge variant="secondary">{t('personal')}</Badge> : null}
          </h2>
          <CardDescription>
            {t.rich('dashboard.role', {
              role: t(`roles.${org.role}`),
              strong: (chunks) => (
                <strong className="font-medium text-foreground" data-testid="active-org-role">
                  {chunks}
                </strong>
              ),
            })}
          </CardDescription>
        </div>
        <Button asChild variant="outline" size="sm">
          <Link href="/org/settings/general">{t('dashboard.manage')}</Link>
        </Button>
      </CardHeader>
    </Card>
  );
}
