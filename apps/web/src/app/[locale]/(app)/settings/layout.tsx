import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { SettingsNav } from './_components/settings-nav';

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

export default async function SettingsLayout({ children, params }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('Settings');
  return (
    <div className="flex flex-col gap-6 md:flex-row md:gap-10">
      <aside className="md:w-48 md:shrink-0">
        <p className="mb-3 font-semibold text-muted-foreground text-xs uppercase tracking-wide">
          {t('title')}
        </p>
        <SettingsNav />
      </aside>
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
