import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { FormAlert } from '@/components/form/form-alert';
import { Button } from '@/components/ui/button';
import { Link } from '@/i18n/navigation';
import { AuthCard } from '../_components/auth-card';
import { tokenParam } from '../_components/token-param';
import { InvitationLanding } from './invitation-landing';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ token?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'InvitationLanding' });
  return { title: t('title') };
}

/**
 * Where an invitation mail leads (A8). Public: it works signed out (sign in, or sign up right
 * here) and signed in (accept or decline). Everything happens in the browser, after load: the
 * token travels only in request bodies, and a mail scanner fetching the URL changes nothing.
 */
export default async function InvitationPage({ params, searchParams }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('InvitationLanding');
  const token = tokenParam((await searchParams).token);

  return (
    <AuthCard title={t('title')}>
      {token ? (
        <InvitationLanding token={token} />
      ) : (
        <div className="flex flex-col gap-4" data-testid="invitation-invalid">
          <FormAlert>{t('invalidBody')}</FormAlert>
          <Button asChild variant="outline">
            <Link href="/">{t('home')}</Link>
          </Button>
        </div>
      )}
    </AuthCard>
  );
}
