'use client';

import { useTranslations } from 'next-intl';
import { Link, usePathname } from '@/i18n/navigation';
import { cn } from '@/lib/utils';

const hrefs = {
  general: '/org/settings/general',
  members: '/org/settings/members',
  invitations: '/org/settings/invitations',
  apiKeys: '/org/settings/api-keys',
  // gen:org-settings-nav
  danger: '/org/settings/danger',
} as const;
export type OrgNavKey = keyof typeof hrefs;

/** The sections the layout decided the caller's role may see, in a fixed order. */
export function OrgSettingsNav({ items }: { items: OrgNavKey[] }) {
  const t = useTranslations('OrgSettings');
  const pathname = usePathname();
  return (
    <nav aria-label={t('navLabel')}>
      <ul className="flex flex-wrap gap-1 md:flex-col">
        {items.map((key) => {
          const href = hrefs[key];
          const active = pathname === href;
          return (
            <li key={key}>
              <Link
                href={href}
                aria-current={active ? 'page' : undefined}
                data-testid={`org-nav-${key}`}
                className={cn(
                  'block rounded-md px-3 py-2 text-sm transition-colors hover:bg-accent hover:text-accent-foreground',
                  active ? 'bg-accent font-medium text-accent-foreground' : 'text-muted-foreground',
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
