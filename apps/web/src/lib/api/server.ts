import 'server-only';
import { CurrentUser } from '@repo/contracts';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { cache } from 'react';
import type { z } from 'zod';
import { serverEnv } from '@/env';
import { TWO_FACTOR_SETUP } from '@/lib/auth/paths';
import { setForwardedFor } from '../client-address/client-address';
import { ApiError, apiErrorFromResponse, isApiError } from './api-error';

/**
 * Server-component variant of the API client: calls API_URL directly (never the public gateway)
 * with the user's cookies, which include any the proxy just refreshed. Reads only; mutations go
 * through the browser client so the API sees the browser's Origin for its CSRF check.
 */
export async function serverGet<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  const [jar, incoming] = await Promise.all([cookies(), headers()]);
  const env = serverEnv();
  const forward = new Headers({ accept: 'application/json', cookie: jar.toString() });
  for (const name of ['user-agent', 'accept-language']) {
    const value = incoming.get(name);
    if (value) forward.set(name, value);
  }
  setForwardedFor(forward, incoming, env.WEB_TRUST_PROXY);
  let res: Response;
  try {
    res = await fetch(`${env.API_URL}/v1${path}`, {
      headers: forward,
      cache: 'no-store',
      signal: AbortSignal.timeout(5_000),
    });
  } catch {
    throw new ApiError({ status: 503, code: 'service_unavailable' });
  }
  if (!res.ok) {
    const error = await apiErrorFromResponse(res);
    // The 2FA policy blocks everything but enrolment: go there (callers must not swallow this).
    if (error.code === 'two_factor_enrollment_required') redirect(`/${await getLocale()}${TWO_FACTOR_SETUP}`);
    throw error;
  }
  const parsed = schema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new ApiError({ status: res.status, code: 'bad_response' });
  return parsed.data;
}

/**
 * The signed-in user (with the impersonation, when an admin acts as them), or null when there is
 * no valid session. One API call per render.
 */
export const getMe = cache(async (): Promise<CurrentUser | null> => {
  try {
    return await serverGet('/me', CurrentUser);
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
});

/** Whether an admin is acting as the signed-in user (D1): the web hides what the API refuses. */
export async function isImpersonating(): Promise<boolean> {
  return (await getMe())?.impersonation != null;
}
