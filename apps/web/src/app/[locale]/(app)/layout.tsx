import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import { redirect, unstable_rethrow } from 'next/navigation';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Toaster } from '@/components/ui/toaster';
import { APP_OMITTED_NAMESPACES, omitMessages } from '@/i18n/client-messages';
import { getMe } from '@/lib/api/server';
import { readAuthCookie } from '@/lib/auth/cookie-names';
import { enrolmentRequired } from '@/lib/auth/jwt-claims';
import { APP_HOME, PATHNAME_HEADER, signInPath, TWO_FACTOR_SETUP } from '@/lib/auth/paths';
import { safeNextPath } from '@/lib/auth/safe-next';
import { FlagsProvider } from '@/lib/flags/provider';
import { getFlags } from '@/lib/flags/server';
import { getActiveOrganization } from '@/lib/orgs/active-org';
import { NOINDEX } from '@/lib/seo/metadata';
import { AppHeader } from './_components/app-header';
import { ImpersonationBanner } from './_components/impersonation-banner';
import { OrgSwitcherSlot } from './_components/org-switcher-slot';
import { ReauthProvider } from './_components/reauth-provider';
import { MobileNav } from './_components/shell/mobile-nav';
import { type NavSection, shellNav } from './_components/shell/nav-items';
import { type NavSectionView, ShellNav } from './_components/shell/shell-nav';

/** The signed-in area is never indexed. */
export const metadata: Metadata = { robots: NOINDEX };

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

/** The active organization for the navigation; an outage hides its section, not the shell. */
async function activeOrgOrNull() {
  try {
    return await getActiveOrganization();
  } catch (error) {
    unstable_rethrow(error);
    return null;
  }
}

/** The sections with their labels and test ids, ready for the client navigation. */
async function navView(sections: NavSection[]): Promise<NavSectionView[]> {
  const [app, orgSettings, admin] = await Promise.all([
    getTranslations('App.nav'),
    getTranslations('OrgSettings.nav'),
    getTranslations('Admin'),
  ]);
  const view = {
    app: { label: null, testId: 'nav-section-app', item: (key: string) => app(key), prefix: 'nav' },
    organization: {
      label: app('organization'),
      testId: 'nav-section-organization',
      item: (key: string) => orgSettings(key),
      prefix: 'org-nav',
    },
    settings: {
      label: app('settings'),
      testId: 'nav-section-settings',
      item: (key: string) => app(key),
      prefix: 'settings-nav',
    },
    admin: {
      label: admin('title'),
      testId: 'nav-admin',
      item: (key: string) => admin(`nav.${key}`),
      prefix: 'admin-nav',
    },
  } as const;
  return sections.map(({ id, items }) => ({
    id,
    label: view[id].label,
    testId: view[id].testId,
    items: items.map(({ key, href }) => ({
      href,
      label: view[id].item(key),
      testId: `${view[id].prefix}-${key}`,
    })),
  }));
}

/**
 * Signed-in shell (ADR 0026): the top bar, the navigation (a sidebar on wide screens, a drawer
 * behind the menu button on narrow ones; its entries are in _components/shell/nav-items.ts) and
 * the page. The proxy already refreshed an expired access token; this checks the session itself
 * with GET /v1/me (a revoked session or deleted user ends here) and sends everyone else to
 * sign-in, coming back to the same URL afterwards.
 */
export default async function AppLayout({ children, params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const me = await getMe();
  if (!me) {
    const here = safeNextPath((await headers()).get(PATHNAME_HEADER), `/${locale}${APP_HOME}`);
    redirect(signInPath(locale, here));
  }
  // The 2FA policy (A4): a user who must enrol sees nothing else until they have.
  const setup = `/${locale}${TWO_FACTOR_SETUP}`;
  const [jar, incoming] = await Promise.all([cookies(), headers()]);
  const pathname = incoming.get(PATHNAME_HEADER)?.split('?')[0];
  const enrolling = enrolmentRequired(readAuthCookie(jar, 'access'));
  if (pathname !== setup && enrolling) redirect(setup);
  // A user held on the enrolment page gets the bare shell: /orgs would send them back here.
  const [flags, org, t] = await Promise.all([
    getFlags(),
    enrolling ? null : activeOrgOrNull(),
    getTranslations('App.shell'),
  ]);
  const sections = enrolling
    ? []
    : await navView(shellNav({ role: me.role, org, impersonating: me.impersonation !== null }));
  const switcher = enrolling ? null : <OrgSwitcherSlot />;

  // The client components' messages: the catalog without the admin console's (its layout adds
  // them) and the public pages' own (ADR 0030).
  return (
    <NextIntlClientProvider messages={omitMessages(await getMessages(), APP_OMITTED_NAMESPACES)}>
      <ReauthProvider>
        <div className="flex min-h-dvh flex-col">
          {me.impersonation ? <ImpersonationBanner impersonation={me.impersonation} /> : null}
          <AppHeader
            me={me}
            menu={
              sections.length > 0 ? (
                <MobileNav
                  sections={sections}
                  switcher={switcher}
                  labels={{
                    open: t('openMenu'),
                    close: t('closeMenu'),
                    title: t('menuTitle'),
                    nav: t('navLabel'),
                  }}
                />
              ) : null
            }
          />
          <div className="flex flex-1">
            {sections.length > 0 ? (
              <aside
                className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] w-72 shrink-0 flex-col gap-5 overflow-y-auto border-e p-3 lg:flex"
                data-testid="shell-sidebar"
              >
                {switcher}
                <ShellNav label={t('navLabel')} sections={sections} idPrefix="sidebar-nav" />
              </aside>
            ) : null}
            <main
              id="main"
              tabIndex={-1}
              className="min-w-0 flex-1 break-words px-4 py-8 focus:outline-none sm:px-6 lg:px-10"
            >
              <FlagsProvider flags={flags}>{children}</FlagsProvider>
            </main>
          </div>
        </div>
        <Toaster />
      </ReauthProvider>
    </NextIntlClientProvider>
  );
}
