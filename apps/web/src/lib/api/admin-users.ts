import {
  AdminSignOutResult,
  AdminUserActionResult,
  AdminUserList,
  type AdminUserSort,
  type AdminUserStatus,
} from '@repo/contracts';
import { api } from './client';

/**
 * Typed browser calls for the admin users area (D1, ADR 0019). Every answer is parsed with the
 * contract schema. Role changes and deletion need sudo: wrap them in useReauth().
 */

/** Rows per page of the users list. */
export const ADMIN_USERS_PAGE = 50;

/** The list filters as the URL carries them (strings, so a view can be shared and reloaded). */
export type AdminUserFilters = {
  q?: string;
  role?: 'user' | 'admin';
  status?: AdminUserStatus;
  verified?: 'true' | 'false';
  twoFactor?: 'true' | 'false';
  /** Members of this organization only. */
  organizationId?: string;
  sort?: AdminUserSort;
  order?: 'asc' | 'desc';
};

const FILTER_KEYS = [
  'q',
  'role',
  'status',
  'verified',
  'twoFactor',
  'organizationId',
  'sort',
  'order',
] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ALLOWED: Record<(typeof FILTER_KEYS)[number], readonly string[] | RegExp | null> = {
  q: null,
  role: ['user', 'admin'],
  status: ['active', 'disabled', 'deleted'],
  verified: ['true', 'false'],
  twoFactor: ['true', 'false'],
  organizationId: UUID,
  sort: ['createdAt', 'name', 'email'],
  order: ['asc', 'desc'],
};

/** Reads the filters from URL search params, dropping anything the API would refuse. */
export function parseAdminUserFilters(
  params: Record<string, string | string[] | undefined> | URLSearchParams,
): AdminUserFilters {
  const get = (key: string) => {
    const value = params instanceof URLSearchParams ? params.get(key) : params[key];
    return Array.isArray(value) ? value[0] : (value ?? undefined);
  };
  const filters: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const raw = get(key)?.trim();
    if (!raw) continue;
    const allowed = ALLOWED[key];
    const ok =
      allowed === null
        ? raw.length <= 100
        : allowed instanceof RegExp
          ? allowed.test(raw)
          : allowed.includes(raw);
    if (ok) filters[key] = raw;
  }
  return filters as AdminUserFilters;
}

/** `?q=…&role=…` for the filters (and a cursor/limit for the API), or '' when empty. */
export function adminUserQuery(
  filters: AdminUserFilters,
  page: { cursor?: string | null; limit?: number } = {},
) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (page.cursor) params.set('cursor', page.cursor);
  if (page.limit) params.set('limit', String(page.limit));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * The API's query for the filters: the page URL keeps `sort` and `order` apart (shareable views),
 * the API takes one `sort=<column>:<direction>` (the lists convention); `order` alone is dropped.
 */
export function adminUserApiQuery(
  filters: AdminUserFilters,
  page: { cursor?: string | null; limit?: number } = {},
) {
  const { sort, order, ...rest } = filters;
  const query = adminUserQuery(rest, page);
  if (!sort) return query;
  const dir = order ?? (sort === 'createdAt' ? 'desc' : 'asc');
  const params = new URLSearchParams(query);
  params.set('sort', `${sort}:${dir}`);
  return `?${params.toString()}`;
}

const user = (userId: string) => `/admin/users/${encodeURIComponent(userId)}`;
const action = (userId: string, name: string) =>
  api.post(`${user(userId)}/${name}`, undefined, { schema: AdminUserActionResult });

export const adminUsersApi = {
  list: (filters: AdminUserFilters, page?: { cursor?: string | null; limit?: number }) =>
    api.get(`/admin/users${adminUserApiQuery(filters, page)}`, { schema: AdminUserList }),
  /** Sudo: wrap in useReauth(). */
  changeRole: (userId: string, role: 'user' | 'admin') =>
    api.patch(user(userId), { role }, { schema: AdminUserActionResult }),
  /** Sudo: wrap in useReauth(). Soft delete: the row stays for the audit trail. */
  remove: (userId: string) => api.delete(user(userId), { schema: AdminUserActionResult }),
  /** Sudo: wrap in useReauth(). Within the grace period only (409 user_restore_expired after). */
  restore: (userId: string) => action(userId, 'restore'),
  disable: (userId: string) => action(userId, 'disable'),
  enable: (userId: string) => action(userId, 'enable'),
  resetTwoFactor: (userId: string) => action(userId, 'reset-two-factor'),
  resendVerification: (userId: string) => action(userId, 'resend-verification'),
  signOut: (userId: string) =>
    api.post(`${user(userId)}/sign-out`, undefined, { schema: AdminSignOutResult }),
};
