import 'server-only';
import { cookies } from 'next/headers';
import { redirect, unstable_rethrow } from 'next/navigation';
import { getMe } from '@/lib/api/server';
import { readAuthCookie } from './cookie-names';

/**
 * Sign-in and sign-up send a signed-in visitor on (to `next`, else the dashboard). The session
 * is checked with GET /v1/me, not guessed from the cookies: a revoked session must see the form,
 * or the app's own "not signed in → sign-in" redirect would bounce between the two. Anonymous
 * visitors (no auth cookie at all) cost no API call.
 */
export async function redirectIfSignedIn(destination: string): Promise<void> {
  const jar = await cookies();
  if (!readAuthCookie(jar, 'access')) return;
  let signedIn = false;
  try {
    signedIn = (await getMe()) !== null;
  } catch (error) {
    // The 2FA enrolment redirect goes through; an unreachable API shows the form, not an error.
    unstable_rethrow(error);
  }
  if (signedIn) redirect(destination);
}
