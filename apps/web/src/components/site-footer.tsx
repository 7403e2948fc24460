import { useTranslations } from 'next-intl';
import { Link } from '@/i18n/navigation';

const footerLink =
  'rounded-sm text-muted-foreground text-sm underline-offset-4 hover:text-foreground hover:underline';

export function SiteFooter() {
  const t = useTranslations('Footer');
  const common = useTranslations('Common');

  return (
    <footer className="border-t">
      <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-8 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <div className="flex flex-col gap-1">
          <span className="font-semibold">{common('brand')}</span>
          <p className="text-muted-foreground text-sm">{t('tagline')}</p>
        </div>
        <nav aria-label={t('linksLabel')}>
          <ul className="flex flex-wrap items-center gap-x-6 gap-y-2">
            <li>
              <Link href="/status" className={footerLink}>
                {t('status')}
              </Link>
            </li>
            <li>
              <a href="/api/reference" className={footerLink}>
                {t('apiReference')}
              </a>
            </li>
            <li>
              <span className="text-muted-foreground text-sm">{t('license')}</span>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
