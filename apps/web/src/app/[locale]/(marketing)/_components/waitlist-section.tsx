import { useTranslations } from 'next-intl';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { WaitlistForm } from './waitlist-form';

export function WaitlistSection() {
  const t = useTranslations('Waitlist');

  return (
    <section id="waitlist" aria-labelledby="waitlist-title" className="scroll-mt-20">
      <div className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
        <Card className="mx-auto max-w-2xl">
          <CardHeader>
            <h2 id="waitlist-title" className="font-semibold text-2xl leading-tight tracking-tight">
              {t('title')}
            </h2>
            <CardDescription>{t('lead')}</CardDescription>
          </CardHeader>
          <CardContent>
            <WaitlistForm />
          </CardContent>
        </Card>
      </div>
    </section>
  );
}
