import { can, type Me } from '@repo/contracts';
import { LayersIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { LanguageSwitcher } from '@/components/language-switcher';
import { ThemeToggle } from '@/components/theme-toggle';
import { Link } from '@/i18n/navigation';
import { APP_HOME } from '@/lib/auth/paths';
import { OrgSwitcherSlot } from './org-switcher-slot';
import { UserMenu } from './user-menu';

const navLink =
  'rounded-md px-3 py-2 text-muted-foreground text-sm transition-colors hover:bg-accent hover:text-accent-foreground';

export function AppHeader({ me }: { me: Pick<Me, 'name' | 'email' | 'role'> }) {
  const t = useTranslations('App');
  const common = useTranslations('Common');
  const admin = useTranslations('Admin');
  return (
    <header className="sticky top-0 z-40 border-b bg-background/85 backdrop-blur supports-[backdrop-filter]:bg-background/70">
      <div className="mx-auto flex h-16 max-w-5xl items-center gap-2 px-4 sm:gap-4 sm:px-6">
        <Link href={APP_HOME} className="flex items-center gap-2 rounded-md font-semibold tracking-tight">
          <span className="flex size-8 items-center justify-center rounded-md bg-primary text-primary-foreground">
            <LayersIcon aria-hidden="true" className="size-4" />
          </span>
          {/* Phones keep the logo only: the organization switcher needs the room. */}
          <span className="sr-only sm:not-sr-only">{common('brand')}</span>
        </Link>
        <OrgSwitcherSlot />
        <nav aria-label={t('nav.label')} className="hidden items-center gap-1 sm:flex">
          <Link href={APP_HOME} className={navLink}>
            {t('nav.dashboard')}
          </Link>
          <Link href="/org/settings/general" className={navLink}>
            {t('nav.organization')}
          </Link>
          <Link href="/settings/profile" className={navLink}>
            {t('nav.settings')}
          </Link>
          {can(me.role, 'admin:access') ? (
            <Link href="/admin/users" className={navLink} data-testid="nav-admin">
              {admin('title')}
            </Link>
          ) : null}
        </nav>
        <div className="ms-auto flex items-center gap-1">
          <LanguageSwitcher />
          <ThemeToggle />
          <UserMenu name={me.name} email={me.email} />
        </div>
      </div>
    </header>
  );
}
