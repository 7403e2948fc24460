import type { z } from 'zod';
import { TWO_FACTOR_SETUP } from '@/lib/auth/paths';
import { ApiError, apiErrorFromResponse, networkError } from './api-error';

/**
 * Browser API client: same-origin `/api/v1/...` (the gateway forwards to the API with the
 * first-party cookies), JSON in and out, problem+json → ApiError. An expired access token is
 * refreshed once, then the request is retried.
 */

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type RequestOptions<T> = { body?: unknown; schema?: z.ZodType<T>; signal?: AbortSignal };

// Endpoints where a 401 is the answer itself (wrong password, dead refresh token), not a stale access token.
const NO_REFRESH =
  /^\/auth\/(sign-in|sign-up|refresh|sign-out|reauthenticate|password\/|verify-email|unlock|two-factor)/;

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time: parallel requests that all hit token_expired share it. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/api/v1/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: '{}',
    credentials: 'same-origin',
  })
    .then((res) => res.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

async function send(method: Method, path: string, options: RequestOptions<unknown>): Promise<Response> {
  const hasBody = options.body !== undefined;
  try {
    return await fetch(`/api/v1${path}`, {
      method,
      headers: {
        accept: 'application/json',
        // Mutations always carry a JSON content type: the API's CSRF check requires it.
        ...(hasBody || method !== 'GET' ? { 'content-type': 'application/json' } : {}),
      },
      body: hasBody ? JSON.stringify(options.body) : method === 'GET' ? undefined : '{}',
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
}

/** The 2FA policy requires enrolment first (A4): every other page is off limits until then. */
function sendToEnrolment(): void {
  const locale = document.documentElement.lang || 'en';
  const target = `/${locale}${TWO_FACTOR_SETUP}`;
  if (window.location.pathname !== target) window.location.assign(target);
}

export async function request<T = unknown>(
  method: Method,
  path: string,
  options: RequestOptions<T> = {},
): Promise<T> {
  let res = await send(method, path, options);
  if (res.status === 401 && !NO_REFRESH.test(path)) {
    const error = await apiErrorFromResponse(res.clone());
    // `unauthorized` too: the browser drops an access cookie whose Max-Age ran out.
    if ((error.code === 'token_expired' || error.code === 'unauthorized') && (await refreshSession())) {
      res = await send(method, path, options);
    }
  }
  if (!res.ok) {
    const error = await apiErrorFromResponse(res);
    if (error.code === 'two_factor_enrollment_required') sendToEnrolment();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const body: unknown = await res.json().catch(() => undefined);
  if (!options.schema) return body as T;
  const parsed = options.schema.safeParse(body);
  if (!parsed.success) throw new ApiError({ status: res.status, code: 'bad_response' });
  return parsed.data;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions<T>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions<T>) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions<T>) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions<T>) => request<T>('DELETE', path, options),
};
