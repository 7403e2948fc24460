import {
  InvitationAccepted,
  InvitationList,
  InvitationPreview,
  Invitation as InvitationSchema,
  MemberList,
  Member as MemberSchema,
  MyOrganizations,
  Organization as OrganizationSchema,
  type OrgRole,
} from '@repo/contracts';
import type { z } from 'zod';
import { api, request } from './client';

/**
 * Typed browser calls for organizations, members and invitations (A8). Every answer is parsed
 * with the contract schema, so a page never renders a shape the API did not promise. Ids go into
 * URLs encoded; invitation tokens only ever travel in a body.
 */

export type PageParams = { cursor?: string | null; limit?: number; q?: string };
export type MemberPage = z.infer<typeof MemberList>;
export type InvitationPage = z.infer<typeof InvitationList>;

const org = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;

function pageQuery({ cursor, limit, q }: PageParams = {}): string {
  const params = new URLSearchParams();
  if (cursor) params.set('cursor', cursor);
  if (limit) params.set('limit', String(limit));
  if (q?.trim()) params.set('q', q.trim());
  const query = params.toString();
  return query ? `?${query}` : '';
}

export const orgsApi = {
  mine: () => api.get('/orgs', { schema: MyOrganizations }),
  create: (body: { name: string; slug?: string }) => api.post('/orgs', body, { schema: OrganizationSchema }),
  setActive: (organizationId: string) =>
    request('PUT', '/me/active-organization', { body: { organizationId }, schema: MyOrganizations }),
  get: (orgId: string) => api.get(org(orgId), { schema: OrganizationSchema }),
  update: (orgId: string, body: { name?: string; slug?: string }) =>
    api.patch(org(orgId), body, { schema: OrganizationSchema }),
  /** Sudo: wrap in useReauth(). `confirm` is the organization's current slug. */
  remove: (orgId: string, confirm: string) => api.delete<void>(org(orgId), { body: { confirm } }),
  /** Sudo: wrap in useReauth(). */
  transferOwnership: (orgId: string, userId: string) =>
    api.post(`${org(orgId)}/transfer-ownership`, { userId }, { schema: OrganizationSchema }),
  leave: (orgId: string) => api.post<void>(`${org(orgId)}/leave`),
};

export const membersApi = {
  list: (orgId: string, page?: PageParams) =>
    api.get(`${org(orgId)}/members${pageQuery(page)}`, { schema: MemberList }),
  changeRole: (orgId: string, userId: string, role: OrgRole) =>
    api.patch(`${org(orgId)}/members/${encodeURIComponent(userId)}`, { role }, { schema: MemberSchema }),
  remove: (orgId: string, userId: string) =>
    api.delete<void>(`${org(orgId)}/members/${encodeURIComponent(userId)}`),
};

export const invitationsApi = {
  list: (orgId: string, page?: PageParams) =>
    api.get(`${org(orgId)}/invitations${pageQuery(page)}`, { schema: InvitationList }),
  create: (orgId: string, body: { email: string; role: OrgRole; locale?: string }) =>
    api.post(`${org(orgId)}/invitations`, body, { schema: InvitationSchema }),
  resend: (orgId: string, invitationId: string) =>
    api.post(`${org(orgId)}/invitations/${encodeURIComponent(invitationId)}/resend`, undefined, {
      schema: InvitationSchema,
    }),
  revoke: (orgId: string, invitationId: string) =>
    api.delete<void>(`${org(orgId)}/invitations/${encodeURIComponent(invitationId)}`),

  // The landing page (public, or signed in for accept).
  preview: (token: string) => api.post('/invitations/preview', { token }, { schema: InvitationPreview }),
  decline: (token: string) => api.post<void>('/invitations/decline', { token }),
  accept: (token: string) => api.post('/invitations/accept', { token }, { schema: InvitationAccepted }),
  signUp: (body: { token: string; name: string; password: string; locale: string }) =>
    api.post('/invitations/sign-up', body, { schema: InvitationAccepted }),
};
