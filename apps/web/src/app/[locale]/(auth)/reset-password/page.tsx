import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Button } from '@/components/ui/button';
import { Link } from '@/i18n/navigation';
import { AuthCard } from '../_components/auth-card';
import { ResetPasswordForm } from '../_components/reset-password-form';
import { tokenParam } from '../_components/token-param';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ token?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'Auth.reset' });
  return { title: t('title') };
}

export default async function ResetPasswordPage({ params, searchParams }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('Auth.reset');
  const token = tokenParam((await searchParams).token);

  return (
    <AuthCard title={t('title')} description={token ? t('lead') : undefined}>
      {token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <div className="flex flex-col gap-4">
          <p role="alert" className="text-muted-foreground text-sm">
            {t('missingToken')}
          </p>
          <Button asChild variant="outline">
            <Link href="/forgot-password">{t('requestNew')}</Link>
          </Button>
        </div>
      )}
    </AuthCard>
  );
}
