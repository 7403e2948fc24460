import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Toaster } from '@/components/ui/toaster';
import { getMe } from '@/lib/api/server';
import { readAuthCookie } from '@/lib/auth/cookie-names';
import { enrolmentRequired } from '@/lib/auth/jwt-claims';
import { APP_HOME, PATHNAME_HEADER, signInPath, TWO_FACTOR_SETUP } from '@/lib/auth/paths';
import { safeNextPath } from '@/lib/auth/safe-next';
import { FlagsProvider } from '@/lib/flags/provider';
import { getFlags } from '@/lib/flags/server';
import { NOINDEX } from '@/lib/seo/metadata';
import { AppHeader } from './_components/app-header';
import { ImpersonationBanner } from './_components/impersonation-banner';
import { ReauthProvider } from './_components/reauth-provider';

/** The signed-in area is never indexed. */
export const metadata: Metadata = { robots: NOINDEX };

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

/**
 * Signed-in shell. The proxy already refreshed an expired access token; this checks the session
 * itself with GET /v1/me (a revoked session or deleted user ends here) and sends everyone else to
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
  if (pathname !== setup && enrolmentRequired(readAuthCookie(jar, 'access'))) redirect(setup);
  const flags = await getFlags();

  return (
    <ReauthProvider>
      <div className="flex min-h-dvh flex-col">
        {me.impersonation ? <ImpersonationBanner impersonation={me.impersonation} /> : null}
        <AppHeader me={me} />
        <main
          id="main"
          tabIndex={-1}
          className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 focus:outline-none sm:px-6 has-[[data-admin-wide]]:max-w-7xl"
        >
          <FlagsProvider flags={flags}>{children}</FlagsProvider>
        </main>
      </div>
      <Toaster />
    </ReauthProvider>
  );
}
