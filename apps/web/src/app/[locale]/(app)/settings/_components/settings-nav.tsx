'use client';

import { useTranslations } from 'next-intl';
import { Link, usePathname } from '@/i18n/navigation';
import { cn } from '@/lib/utils';

const items = [
  { href: '/settings/profile', key: 'profile' },
  { href: '/settings/security', key: 'security' },
] as const;

export function SettingsNav() {
  const t = useTranslations('App.nav');
  const s = useTranslations('Settings');
  const pathname = usePathname();
  return (
    <nav aria-label={s('navLabel')}>
      <ul className="flex gap-1 md:flex-col">
        {items.map(({ href, key }) => {
          const active = pathname === href;
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'block rounded-md px-3 py-2 text-sm transition-colors hover:bg-accent hover:text-accent-foreground',
                  active ? 'bg-accent font-medium text-accent-foreground' : 'text-muted-foreground',
                )}
              >
                {t(key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
