import { can } from '@repo/contracts';
import { notFound } from 'next/navigation';
import { NextIntlClientProvider } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Area } from '@/components/layout/area';
import { getMe } from '@/lib/api/server';

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

/**
 * The admin area (docs/admin.md): global admins only. Everyone else gets the ordinary not-found
 * page, so the area does not even admit to existing; the API refuses every call anyway. The
 * shell's navigation lists its pages (ADR 0026); they are tables and charts, hence the wide frame.
 */
export default async function AdminLayout({ children, params }: Props) {
  setRequestLocale((await params).locale);
  const me = await getMe();
  if (!me || !can(me.role, 'admin:access')) notFound();
  const t = await getTranslations('Admin');
  // The whole catalog: the shell's provider leaves the admin console's namespaces out (ADR 0030).
  return (
    <NextIntlClientProvider>
      <Area name={t('title')} width="wide">
        {children}
      </Area>
    </NextIntlClientProvider>
  );
}
