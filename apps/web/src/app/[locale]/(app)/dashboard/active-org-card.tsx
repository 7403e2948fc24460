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
  // The name wraps rather than being cut with an ellipsis: a long name (Arabic ones run long) is
  // the one thing the card is for. Negative tracking only for Latin scripts: it pulls joined
  // Arabic letters apart.
  return (
    <Card data-testid="active-org-card">
      <CardHeader className="flex-row flex-wrap items-start gap-x-4 gap-y-3">
        <Building2Icon aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-primary" />
        <div className="flex min-w-0 flex-1 basis-48 flex-col gap-1">
          <h2 className="font-semibold text-lg leading-snug tracking-tight [overflow-wrap:anywhere] rtl:tracking-normal">
            <span data-testid="active-org-name">{org.name}</span>
            {org.personal ? (
              <Badge variant="secondary" className="ms-2 align-middle">
                {t('personal')}
              </Badge>
            ) : null}
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
        <Button asChild variant="outline" size="sm" className="shrink-0">
          <Link href="/org/settings/general">{t('dashboard.manage')}</Link>
        </Button>
      </CardHeader>
    </Card>
  );
}
