import {
  ActivityIcon,
  BuildingIcon,
  FlagIcon,
  type LucideIcon,
  ShieldCheckIcon,
  WebhookIcon,
  WorkflowIcon,
} from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';

const features: {
  key: 'identity' | 'orgs' | 'flags' | 'jobs' | 'webhooks' | 'observability';
  Icon: LucideIcon;
}[] = [
  { key: 'identity', Icon: ShieldCheckIcon },
  { key: 'orgs', Icon: BuildingIcon },
  { key: 'flags', Icon: FlagIcon },
  { key: 'jobs', Icon: WorkflowIcon },
  { key: 'webhooks', Icon: WebhookIcon },
  { key: 'observability', Icon: ActivityIcon },
];

export function FeatureGrid() {
  const t = useTranslations('Home');

  return (
    <section id="features" aria-labelledby="features-title" className="scroll-mt-20 border-b">
      <div className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
        <div className="mb-12 max-w-2xl">
          <h2 id="features-title" className="text-balance font-semibold text-3xl tracking-tight">
            {t('featuresTitle')}
          </h2>
          <p className="mt-3 text-muted-foreground">{t('featuresLead')}</p>
        </div>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {features.map(({ key, Icon }) => (
            <li key={key}>
              <Card className="h-full transition-colors hover:border-primary/40">
                <CardHeader>
                  <span className="mb-2 flex size-10 items-center justify-center rounded-lg bg-accent text-accent-foreground">
                    <Icon aria-hidden="true" className="size-5" />
                  </span>
                  <CardTitle>{t(`features.${key}.title`)}</CardTitle>
                  <CardDescription className="leading-relaxed">{t(`features.${key}.body`)}</CardDescription>
                </CardHeader>
              </Card>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
