import { ShieldCheckIcon, UserIcon } from 'lucide-react';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Card, CardDescription, CardHeader } from '@/components/ui/card';
import { Link } from '@/i18n/navigation';
import { getMe } from '@/lib/api/server';
import { ActiveOrgCard } from './active-org-card';
import { getOnboarding } from './onboarding';
import { OnboardingChecklist, ReopenOnboarding } from './onboarding-checklist';
import { ProductSlot } from './product-slot';
import { RecentActivityCard } from './recent-activity-card';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'App.nav' });
  return { title: t('dashboard') };
}

export default async function DashboardPage({ params }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('App.dashboard');
  const [me, onboarding] = await Promise.all([getMe(), getOnboarding()]);
  const cards = [
    { href: '/settings/profile', Icon: UserIcon, title: t('profileTitle'), body: t('profileBody') },
    { href: '/settings/security', Icon: ShieldCheckIcon, title: t('securityTitle'), body: t('securityBody') },
  ] as const;

  return (
    <div className="flex w-full max-w-5xl flex-col gap-8">
      <div className="flex flex-col gap-2">
        <h1 className="font-semibold text-3xl tracking-tight" data-testid="dashboard-title">
          {t('title', { name: me?.name ?? '' })}
        </h1>
        <p className="text-muted-foreground">{t('lead')}</p>
        {onboarding?.dismissed ? <ReopenOnboarding /> : null}
      </div>
      {onboarding && !onboarding.dismissed ? <OnboardingChecklist steps={onboarding.steps} /> : null}
      <ProductSlot />
      <ActiveOrgCard />
      <ul className="grid gap-4 sm:grid-cols-2">
        {cards.map(({ href, Icon, title, body }) => (
          <li key={href}>
            <Link href={href} className="block rounded-xl focus-visible:outline-2 focus-visible:outline-ring">
              <Card className="h-full transition-colors hover:bg-accent/50">
                <CardHeader>
                  <Icon aria-hidden="true" className="size-5 text-primary" />
                  <h2 className="font-semibold text-lg leading-tight tracking-tight">{title}</h2>
                  <CardDescription>{body}</CardDescription>
                </CardHeader>
              </Card>
            </Link>
          </li>
        ))}
      </ul>
      <RecentActivityCard />
    </div>
  );
}
