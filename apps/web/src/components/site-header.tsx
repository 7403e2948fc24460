import { LayersIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { AccountCta } from '@/components/account-cta';
import { LanguageSwitcher } from '@/components/language-switcher';
import { SignInLink } from '@/components/sign-in-link';
import { ThemeToggle } from '@/components/theme-toggle';
import { Link } from '@/i18n/navigation';

const navLink =
  'rounded-md px-3 py-2 text-muted-foreground text-sm transition-colors hover:bg-accent hover:text-accent-foreground';

export function SiteHeader() {
  const t = useTranslations('Nav');
  const common = useTranslations('Common');

  return (
    <header className="sticky top-0 z-40 border-b bg-background/85 backdrop-blur supports-[backdrop-filter]:bg-background/70">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-4 px-4 sm:px-6">
        <Link
          href="/"
          aria-label={common('homeLink')}
          className="flex items-center gap-2 rounded-md font-semibold tracking-tight"
        >
          <span className="flex size-8 items-center justify-center rounded-md bg-primary text-primary-foreground">
            <LayersIcon aria-hidden="true" className="size-4" />
          </span>
          <span>{common('brand')}</span>
        </Link>
        <nav aria-label={t('label')} className="hidden items-center gap-1 md:flex">
          <Link href={{ pathname: '/', hash: 'features' }} className={navLink}>
            {t('features')}
          </Link>
          <Link href="/status" className={navLink}>
            {t('status')}
          </Link>
          {/* The API reference is served by the API through the /api proxy, not by a locale route. */}
          <a href="/api/reference" className={navLink}>
            {t('apiReference')}
          </a>
        </nav>
        <div className="ms-auto flex items-center gap-1">
          <LanguageSwitcher />
          <ThemeToggle />
          <SignInLink label={t('signIn')} />
          <AccountCta size="sm" className="ms-1 hidden sm:inline-flex" />
        </div>
      </div>
    </header>
  );
}
