'use client';

import { useTranslations } from 'next-intl';
import { Link, usePathname } from '@/i18n/navigation';
import { cn } from '@/lib/utils';

const hrefs = {
  overview: '/admin/overview',
  users: '/admin/users',
  organizations: '/admin/organizations',
  flags: '/admin/flags',
  audit: '/admin/audit',
  jobs: '/admin/jobs',
} as const;
export type AdminNavKey = keyof typeof hrefs;

/** The admin sections; a detail page (e.g. /admin/users/…) keeps its section highlighted. */
export function AdminNav() {
  const t = useTranslations('Admin');
  const pathname = usePathname();
  return (
    <nav aria-label={t('navLabel')}>
      <ul className="flex flex-wrap gap-1">
        {(Object.keys(hrefs) as AdminNavKey[]).map((key) => {
          const href = hrefs[key];
          const exact = pathname === href;
          const inside = exact || pathname.startsWith(`${href}/`);
          return (
            <li key={key}>
              <Link
                href={href}
                aria-current={exact ? 'page' : inside ? 'true' : undefined}
                data-testid={`admin-nav-${key}`}
                className={cn(
                  'block rounded-md px-3 py-2 text-sm transition-colors hover:bg-accent hover:text-accent-foreground',
                  inside ? 'bg-accent font-medium text-accent-foreground' : 'text-muted-foreground',
                )}
              >
                {t(`nav.${key}`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
