import { can } from '@repo/contracts';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { getMe } from '@/lib/api/server';
import { AdminNav } from './_components/admin-nav';

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

/**
 * The admin area (docs/admin.md): global admins only. Everyone else gets the ordinary not-found
 * page, so the area does not even admit to existing; the API refuses every call anyway.
 */
export default async function AdminLayout({ children, params }: Props) {
  setRequestLocale((await params).locale);
  const me = await getMe();
  if (!me || !can(me.role, 'admin:access')) notFound();
  const t = await getTranslations('Admin');

  return (
    // data-admin-wide: the app shell may drop its max width for these table-heavy pages.
    <div className="flex min-w-0 flex-col gap-6" data-admin-wide="">
      <div className="flex flex-col gap-3 border-b pb-3">
        <p className="font-semibold text-muted-foreground text-xs uppercase tracking-wide">{t('title')}</p>
        <AdminNav />
      </div>
      <div className="min-w-0">{children}</div>
    </div>
  );
}
