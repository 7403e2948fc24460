import { ShieldOffIcon } from 'lucide-react';
import { getTranslations } from 'next-intl/server';

/**
 * In place of a page an impersonating admin may not use (the user's credentials, security
 * settings and API keys; D1, ADR 0019): the API refuses those calls anyway; this says why.
 */
export async function ImpersonationRestricted() {
  const t = await getTranslations('Impersonation');
  return (
    <div className="flex items-start gap-3 rounded-xl border p-6" data-testid="impersonation-restricted">
      <ShieldOffIcon aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
      <div className="flex flex-col gap-1.5">
        <h1 className="font-semibold text-lg leading-tight">{t('restrictedTitle')}</h1>
        <p className="text-muted-foreground text-sm">{t('restrictedBody')}</p>
      </div>
    </div>
  );
}
