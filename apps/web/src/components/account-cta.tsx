'use client';

import { ArrowRightIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ComponentProps } from 'react';
import { Button } from '@/components/ui/button';
import { Link } from '@/i18n/navigation';
import { APP_HOME } from '@/lib/auth/paths';
import { useSignedInHint } from '@/lib/use-signed-in-hint';

/**
 * The landing page's primary action: "Get started" (sign-up) for visitors, "Dashboard" for a
 * browser that is signed in. The page is static, so the choice is made in the browser.
 */
export function AccountCta({
  size,
  className,
  arrow = false,
}: {
  size?: ComponentProps<typeof Button>['size'];
  className?: string;
  arrow?: boolean;
}) {
  const t = useTranslations('Nav');
  const signedIn = useSignedInHint();
  return (
    <Button asChild size={size} className={className}>
      <Link
        href={signedIn ? APP_HOME : '/sign-up'}
        data-testid={signedIn ? 'cta-dashboard' : 'cta-get-started'}
      >
        {signedIn ? t('dashboard') : t('getStarted')}
        {arrow ? <ArrowRightIcon aria-hidden="true" className="rtl:-scale-x-100" /> : null}
      </Link>
    </Button>
  );
}
