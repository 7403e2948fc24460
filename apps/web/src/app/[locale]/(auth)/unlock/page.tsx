import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Button } from '@/components/ui/button';
import { Link } from '@/i18n/navigation';
import { AuthCard } from '../_components/auth-card';
import { TokenAction } from '../_components/token-action';
import { tokenParam } from '../_components/token-param';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ token?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'Auth.unlock' });
  return { title: t('title') };
}

export default async function UnlockPage({ params, searchParams }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('Auth');
  const token = tokenParam((await searchParams).token);
  const signIn = (
    <Button asChild variant="outline">
      <Link href="/sign-in">{t('signIn.title')}</Link>
    </Button>
  );

  return (
    <AuthCard title={t('unlock.title')}>
      {token ? (
        <TokenAction
          endpoint="/auth/unlock"
          token={token}
          texts={{
            working: t('unlock.working'),
            successTitle: t('unlock.successTitle'),
            successBody: t('unlock.successBody'),
            failedTitle: t('unlock.failedTitle'),
            failedBody: t('unlock.failedBody'),
          }}
          success={signIn}
          failure={signIn}
        />
      ) : (
        <div className="flex flex-col gap-4">
          <p role="alert" className="text-muted-foreground text-sm">
            {t('unlock.failedBody')}
          </p>
          {signIn}
        </div>
      )}
    </AuthCard>
  );
}
