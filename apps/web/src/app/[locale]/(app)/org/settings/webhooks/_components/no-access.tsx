import { LockIcon } from 'lucide-react';
import { getTranslations } from 'next-intl/server';

/** What a role without `webhooks:read` sees instead of the endpoints. */
export async function NoAccess({ orgName }: { orgName: string }) {
  const t = await getTranslations('Webhooks.noAccess');
  return (
    <div className="flex items-start gap-3 rounded-xl border p-6" data-testid="webhooks-no-access">
      <LockIcon aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
      <div className="flex flex-col gap-1.5">
        <h2 className="font-semibold text-lg leading-tight">{t('title')}</h2>
        <p className="text-muted-foreground text-sm">{t('body', { org: orgName })}</p>
      </div>
    </div>
  );
}
