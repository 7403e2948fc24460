import { KeyRoundIcon } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';
import { getSsoProviders, ssoStartUrl } from '@/lib/api/sso';

/**
 * "Continue with …" for each configured provider. Plain links: the API answers with a redirect
 * to the provider, so this is a full navigation, not a fetch. Nothing renders without providers.
 */
export async function SsoButtons({ next }: { next: string }) {
  const providers = await getSsoProviders();
  if (providers.length === 0) return null;
  const t = await getTranslations('Sso');
  return (
    <div className="flex flex-col gap-4" data-testid="sso-buttons">
      <div className="flex items-center gap-3 text-muted-foreground text-xs">
        <span className="h-px flex-1 bg-border" />
        <span>{t('or')}</span>
        <span className="h-px flex-1 bg-border" />
      </div>
      <ul className="flex flex-col gap-2">
        {providers.map((p) => (
          <li key={p.id}>
            <Button asChild variant="outline" className="w-full">
              <a href={ssoStartUrl(p.id, next)} data-provider={p.id}>
                <KeyRoundIcon aria-hidden="true" />
                {t('continueWith', { provider: p.label })}
              </a>
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
