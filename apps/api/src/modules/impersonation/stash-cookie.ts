import type { FastifyReply } from 'fastify';
import { readCookie } from '../../lib/cookies';

/**
 * While an admin impersonates someone, the browser's session cookies are the user's; the admin's
 * own refresh token waits here (httpOnly, like the others) to be rotated back in at the end. It
 * outlives the impersonation by a little, so the end still restores the admin after the limit.
 */
const BASE_NAME = 'gw_imp';
const AFTER_LIMIT_MS = 10 * 60_000;

const nameOf = (secure: boolean) => `${secure ? '__Host-' : ''}${BASE_NAME}`;
const attributes = (secure: boolean) => ({ httpOnly: true, secure, sameSite: 'lax' as const, path: '/' });

export function setStash(reply: FastifyReply, secure: boolean, refreshToken: string, until: Date): void {
  reply.setCookie(nameOf(secure), refreshToken, {
    ...attributes(secure),
    expires: new Date(until.getTime() + AFTER_LIMIT_MS),
  });
}

export function readStash(cookies: Record<string, string | undefined>, secure: boolean): string | undefined {
  return readCookie(cookies, nameOf(secure));
}

export function clearStash(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(nameOf(secure), attributes(secure));
}
