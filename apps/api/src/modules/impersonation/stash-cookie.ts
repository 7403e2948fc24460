import type { FastifyReply } from 'fastify';
import { cookieNames, readCookie } from '../../lib/cookies';

/**
 * While an admin impersonates someone, the browser's session cookies are the user's; the admin's
 * own refresh token waits in the `impersonator` cookie (httpOnly, like the others, and a
 * credential for the CSRF check) to be rotated back in at the end. It outlives the impersonation
 * by a little, so the end still restores the admin after the limit.
 */
const AFTER_LIMIT_MS = 10 * 60_000;

const attributes = (secure: boolean) => ({ httpOnly: true, secure, sameSite: 'lax' as const, path: '/' });

export function setStash(reply: FastifyReply, secure: boolean, refreshToken: string, until: Date): void {
  reply.setCookie(cookieNames(secure).impersonator, refreshToken, {
    ...attributes(secure),
    expires: new Date(until.getTime() + AFTER_LIMIT_MS),
  });
}

export function readStash(cookies: Record<string, string | undefined>, secure: boolean): string | undefined {
  return readCookie(cookies, cookieNames(secure).impersonator);
}

export function clearStash(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(cookieNames(secure).impersonator, attributes(secure));
}
