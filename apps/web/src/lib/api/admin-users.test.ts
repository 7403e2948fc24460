import { describe, expect, it, vi } from 'vitest';
import { adminUserApiQuery, adminUserQuery, adminUsersApi, parseAdminUserFilters } from './admin-users';
import { ApiError } from './api-error';
import { json, stubFetch } from './fetch-stub.test-support';

// The unit project has no `@/` alias; the client only needs this one constant from it.
vi.mock('@/lib/auth/paths', () => ({ TWO_FACTOR_SETUP: '/settings/two-factor' }));

const user = {
  id: '0f0c0d64-7e0b-4d43-9d0c-3d7c2b8c1a11',
  email: 'theodora@example.com',
  name: 'Theodora Quicksilver',
  role: 'user',
  status: 'disabled',
  emailVerified: true,
  twoFactorEnabled: false,
  createdAt: '2026-11-22T01:00:00.000Z',
  lastSignInAt: null,
  avatarUrl: null,
};

const fetches = stubFetch(() => json(200, { user }));

describe('admin users API calls', () => {
  it('lists with the filters, the cursor and the limit', async () => {
    fetches.answer = () => json(200, { users: [user], nextCursor: 'n2' });
    const page = await adminUsersApi.list({ q: 'teodora', status: 'disabled' }, { cursor: 'n1', limit: 50 });
    expect(fetches.calls[0]).toMatchObject({
      url: '/api/v1/admin/users?q=teodora&status=disabled&cursor=n1&limit=50',
    });
    expect(page.nextCursor).toBe('n2');
  });

  it('sends the sort as one `<column>:<direction>` (the lists convention)', async () => {
    fetches.answer = () => json(200, { users: [], nextCursor: null });
    await adminUsersApi.list({ q: 'ada', sort: 'name', order: 'desc' }, { limit: 50 });
    expect(fetches.calls[0]).toMatchObject({ url: '/api/v1/admin/users?q=ada&limit=50&sort=name%3Adesc' });
    expect(adminUserApiQuery({ sort: 'createdAt' })).toBe('?sort=createdAt%3Adesc');
    expect(adminUserApiQuery({ sort: 'email' })).toBe('?sort=email%3Aasc');
    expect(adminUserApiQuery({ order: 'asc' })).toBe('');
  });

  it('posts the account actions and patches the role', async () => {
    await adminUsersApi.disable(user.id);
    await adminUsersApi.changeRole(user.id, 'admin');
    expect(fetches.calls).toEqual([
      { url: `/api/v1/admin/users/${user.id}/disable`, method: 'POST', body: {} },
      { url: `/api/v1/admin/users/${user.id}`, method: 'PATCH', body: { role: 'admin' } },
    ]);
  });

  it('surfaces a 409 with the API explanation', async () => {
    fetches.answer = () =>
      new Response(
        JSON.stringify({
          type: 'https://groundwork.dev/problems/conflict',
          title: 'Conflict',
          requestId: 'b4615b31-3936-4b25-9b60-0282ccbe391e',
          status: 409,
          code: 'conflict',
          detail: 'This is the last active admin: promote another one first.',
        }),
        { status: 409, headers: { 'content-type': 'application/problem+json' } },
      );
    const error = await adminUsersApi.changeRole(user.id, 'user').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      code: 'conflict',
      detail: expect.stringContaining('last active admin'),
    });
  });
});

describe('admin users filters in the URL', () => {
  it('keeps the known filters and drops values the API would refuse', () => {
    expect(
      parseAdminUserFilters({
        q: '  Teodora ',
        role: 'admin',
        status: 'banned',
        verified: 'false',
        twoFactor: ['true', 'false'],
        sort: 'name',
        order: 'sideways',
        cursor: 'abc',
        extra: 'x',
      }),
    ).toEqual({ q: 'Teodora', role: 'admin', verified: 'false', twoFactor: 'true', sort: 'name' });
  });

  it('reads URLSearchParams too, and ignores empty or overlong values', () => {
    const params = new URLSearchParams({ q: 'x'.repeat(101), role: '', status: 'disabled' });
    expect(parseAdminUserFilters(params)).toEqual({ status: 'disabled' });
  });

  it('round-trips through the query string in a stable order, with paging last', () => {
    const query = adminUserQuery({ sort: 'email', q: 'a b', role: 'user' }, { cursor: 'c1', limit: 50 });
    expect(query).toBe('?q=a+b&role=user&sort=email&cursor=c1&limit=50');
    expect(parseAdminUserFilters(new URLSearchParams(query))).toEqual({
      q: 'a b',
      role: 'user',
      sort: 'email',
    });
    expect(adminUserQuery({})).toBe('');
  });
});
