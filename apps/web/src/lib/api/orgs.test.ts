import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error';
import { json, stubFetch } from './fetch-stub.test-support';
import { invitationsApi, membersApi, orgsApi } from './orgs';

// The unit project has no `@/` alias; the client only needs this one constant from it.
vi.mock('@/lib/auth/paths', () => ({ TWO_FACTOR_SETUP: '/settings/two-factor' }));

const org = {
  id: '0f0c0d64-7e0b-4d43-9d0c-3d7c2b8c1a11',
  name: 'Acme',
  slug: 'acme',
  personal: false,
  role: 'owner',
  memberCount: 2,
  createdAt: '2026-11-22T01:00:00.000Z',
  logoUrl: null,
};

const fetches = stubFetch(() => new Response(null, { status: 204 }));

describe('organization API calls', () => {
  it('switches the active organization with PUT and parses the answer', async () => {
    fetches.answer = () =>
      json(200, {
        activeOrganizationId: org.id,
        organizations: [{ ...org, memberCount: undefined }],
        nextCursor: null,
      });
    const mine = await orgsApi.setActive(org.id);
    expect(fetches.calls).toEqual([
      { url: '/api/v1/me/active-organization', method: 'PUT', body: { organizationId: org.id } },
    ]);
    expect(mine.activeOrganizationId).toBe(org.id);
  });

  it('sends the typed confirmation in the DELETE body', async () => {
    await orgsApi.remove(org.id, 'acme');
    expect(fetches.calls).toEqual([
      { url: `/api/v1/orgs/${org.id}`, method: 'DELETE', body: { confirm: 'acme' } },
    ]);
  });

  it('builds list queries with cursor, limit and a trimmed search, and encodes ids', async () => {
    fetches.answer = () => json(200, { members: [], nextCursor: null });
    await membersApi.list('a/b', { cursor: 'c1', limit: 20, q: '  dana ' });
    await membersApi.list(org.id, { q: '   ' });
    expect(fetches.calls.map((c) => c.url)).toEqual([
      '/api/v1/orgs/a%2Fb/members?cursor=c1&limit=20&q=dana',
      `/api/v1/orgs/${org.id}/members`,
    ]);
  });

  it('keeps invitation tokens out of URLs', async () => {
    await invitationsApi.decline('tok_123');
    expect(fetches.calls).toEqual([
      { url: '/api/v1/invitations/decline', method: 'POST', body: { token: 'tok_123' } },
    ]);
  });

  it('rejects an answer that does not match the contract', async () => {
    fetches.answer = () => json(200, { id: org.id });
    await expect(orgsApi.get(org.id)).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('surfaces problem+json codes (e.g. last_owner) as ApiError', async () => {
    fetches.answer = () =>
      new Response(
        JSON.stringify({
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          code: 'last_owner',
          requestId: 'r1',
        }),
        { status: 409, headers: { 'content-type': 'application/problem+json' } },
      );
    const error = await orgsApi.leave(org.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'last_owner' });
  });
});
