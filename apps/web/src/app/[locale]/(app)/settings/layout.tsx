import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Area } from '@/components/layout/area';

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

/** The user's own settings; the shell's navigation lists the pages (ADR 0026). */
export default async function SettingsLayout({ children, params }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('Settings');
  return <Area name={t('title')}>{children}</Area>;
}
