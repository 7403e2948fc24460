import type { Me } from '@repo/contracts';
import { LayersIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { LanguageSwitcher } from '@/components/language-switcher';
import { ThemeToggle } from '@/components/theme-toggle';
import { Link } from '@/i18n/navigation';
import { APP_HOME } from '@/lib/auth/paths';
import { UserMenu } from './user-menu';

/**
 * The shell's top bar: the menu button (narrow screens only, `menu`), the brand, and the language,
 * theme and account menus. The navigation itself is in the sidebar or the drawer.
 */
export function AppHeader({ me, menu }: { me: Pick<Me, 'name' | 'email' | 'avatarUrl'>; menu: ReactNode }) {
  const common = useTranslations('Common');
  return (
    <header className="sticky top-0 z-40 border-b bg-background/85 backdrop-blur supports-[backdrop-filter]:bg-background/70">
      <div className="flex h-14 items-center gap-2 px-4 sm:gap-3 sm:px-6">
        {menu}
        <Link href={APP_HOME} className="flex items-center gap-2 rounded-md font-semibold tracking-tight">
          <span className="flex size-8 items-center justify-center rounded-md bg-primary text-primary-foreground">
            <LayersIcon aria-hidden="true" className="size-4" />
          </span>
          {/* The smallest phones keep the logo only: the menus need the room. */}
          <span className="sr-only min-[380px]:not-sr-only">{common('brand')}</span>
        </Link>
        <div className="ms-auto flex items-center gap-1">
          <LanguageSwitcher />
          <ThemeToggle />
          <UserMenu name={me.name} email={me.email} avatarUrl={me.avatarUrl} />
        </div>
      </div>
    </header>
  );
}
