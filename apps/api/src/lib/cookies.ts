import type { CookieSerializeOptions } from '@fastify/cookie';
import { authCookieName } from '@repo/contracts';
import type { FastifyReply } from 'fastify';

/**
 * Auth cookie names and attributes. With COOKIE_SECURE the names carry the `__Host-` prefix, which
 * browsers only accept with Secure, Path=/ and no Domain: a sibling subdomain or a plain-http
 * page cannot plant or overwrite them. Plain-http local development gets unprefixed names.
 */
export interface CookieNames {
  access: string;
  refresh: string;
  device: string;
  impersonator: string;
}

export function cookieNames(secure: boolean): CookieNames {
  return {
    access: authCookieName('access', secure),
    refresh: authCookieName('refresh', secure),
    device: authCookieName('device', secure),
    impersonator: authCookieName('impersonator', secure),
  };
}

/** Chrome caps cookie lifetimes at 400 days; the device cookie lives that long. */
const DEVICE_COOKIE_MAX_AGE = 400 * 86_400;

export interface AuthCookieOptions {
  secure: boolean;
}

function base(secure: boolean): CookieSerializeOptions {
  // Lax, not Strict: a link from an email into the app must arrive signed in. Unsafe methods are
  // guarded by the CSRF plugin regardless.
  return { httpOnly: true, secure, sameSite: 'lax', path: '/' };
}

export function setSessionCookies(
  reply: FastifyReply,
  { secure }: AuthCookieOptions,
  tokens: { accessToken: string; accessMaxAge: number; refreshToken: string; refreshExpiresAt: Date },
): void {
  setAccessCookie(reply, { secure }, tokens.accessToken, tokens.accessMaxAge);
  reply.setCookie(cookieNames(secure).refresh, tokens.refreshToken, {
    ...base(secure),
    expires: tokens.refreshExpiresAt,
  });
}

export function setAccessCookie(
  reply: FastifyReply,
  { secure }: AuthCookieOptions,
  token: string,
  maxAge: number,
) {
  reply.setCookie(cookieNames(secure).access, token, { ...base(secure), maxAge });
}

export function clearSessionCookies(reply: FastifyReply, { secure }: AuthCookieOptions): void {
  const names = cookieNames(secure);
  reply.clearCookie(names.access, base(secure));
  reply.clearCookie(names.refresh, base(secure));
}

export function setDeviceCookie(reply: FastifyReply, { secure }: AuthCookieOptions, value: string): void {
  reply.setCookie(cookieNames(secure).device, value, { ...base(secure), maxAge: DEVICE_COOKIE_MAX_AGE });
}

/**
 * The sign-up continuation cookie (ADR 0028): a random secret the browser that signed up keeps
 * until its verification link is opened there. Not an auth cookie (the web app never reads it), so
 * it is named here rather than in the contract; `__Host-` under COOKIE_SECURE like the others.
 */
export function signUpCookieName(secure: boolean): string {
  return `${secure ? '__Host-' : ''}gw_su`;
}

export function setSignUpCookie(
  reply: FastifyReply,
  { secure }: AuthCookieOptions,
  value: string,
  maxAge: number,
) {
  reply.setCookie(signUpCookieName(secure), value, { ...base(secure), maxAge });
}

export function clearSignUpCookie(reply: FastifyReply, { secure }: AuthCookieOptions): void {
  reply.clearCookie(signUpCookieName(secure), base(secure));
}

/** Cookie values we issue are base64url tokens or JWTs; anything else is ignored, not parsed. */
const COOKIE_VALUE = /^[A-Za-z0-9._-]{20,2048}$/;

export function readCookie(cookies: Record<string, string | undefined>, name: string): string | undefined {
  const value = cookies[name];
  return value !== undefined && COOKIE_VALUE.test(value) ? value : undefined;
}
