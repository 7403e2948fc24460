'use client';

import { MoonIcon, SunIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { useMenuOnDemand } from './menu-on-demand';

const loadMenu = () => import('./theme-menu').then((m) => m.ThemeMenu);

/** The header's theme button; its menu (theme-menu.tsx) loads on first use. */
export function ThemeToggle() {
  const t = useTranslations('Theme');
  const { Menu, triggerProps } = useMenuOnDemand(loadMenu);
  const button = (
    <Button
      variant="ghost"
      size="icon"
      aria-label={t('toggle')}
      data-testid="theme-toggle"
      {...(Menu ? {} : triggerProps)}
    >
      {/* Both icons are rendered and CSS picks one, so server and client markup match. */}
      <SunIcon aria-hidden="true" className="dark:hidden" />
      <MoonIcon aria-hidden="true" className="hidden dark:block" />
    </Button>
  );
  return Menu ? <Menu trigger={button} /> : button;
}
