import type { FastifyReply, FastifyRequest } from 'fastify';
import { readCookie } from '../../lib/cookies';
import { requestMeta } from '../../lib/request-meta';
import type { AppDeps } from '../../types';
import { signOut } from '../sessions';
import { endImpersonations, ownImpersonationSession } from './impersonation.service';
import { clearStash, readStash } from './stash-cookie';

/**
 * Signing out while impersonating signs the browser out completely: the impersonation ends
 * (audited as such) and the admin session kept aside is signed out too, so no live admin token
 * stays behind in a browser that was meant to be signed out.
 */
export async function signOutImpersonation(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  refreshCookieName: string,
): Promise<void> {
  const secure = deps.env.COOKIE_SECURE;
  const meta = requestMeta(request);
  const own = await ownImpersonationSession(
    deps,
    request.auth,
    readCookie(request.cookies, refreshCookieName),
  );
  if (own) await endImpersonations(deps, { sessionIds: [own], fromAdminSession: null, meta });
  const stash = readStash(request.cookies, secure);
  if (!stash) return;
  await signOut(deps, { auth: null, refreshToken: stash, meta });
  clearStash(reply, secure);
}
