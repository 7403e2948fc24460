import { z } from 'zod';
import { listPage, listQuery } from './list';
import { singleLineText } from './text';
import { Locale } from './waitlist';

/**
 * Identity HTTP contract (A1–A3, A6: docs/identity.md). Bodies are strict (unknown fields → 400).
 * Answers that must not reveal whether an account exists are `Accepted` (202) for every email.
 */

/** NIST 800-63B: a length floor and ceiling, no composition rules; the rest is checked server-side. */
export const PASSWORD_MIN_LENGTH = 12;
/** Bytes, checked before hashing so a huge input cannot cost an argon2 run. */
export const PASSWORD_MAX_BYTES = 1024;
export const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH)
  .refine((p) => new TextEncoder().encode(p).length <= PASSWORD_MAX_BYTES, {
    message: `at most ${PASSWORD_MAX_BYTES} bytes`,
  });

export const Email = z.email().max(254);
export const PersonName = singleLineText({ max: 100 });
/** IANA time zone, checked by Intl. */
export const TimeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown time zone');
/** Opaque token from an emailed link. */
export const LinkToken = z
  .string()
  .min(20)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/);

export const Accepted = z.object({ status: z.literal('accepted') });

export const SignUpBody = z.strictObject({
  email: Email,
  password: Password,
  name: PersonName,
  locale: Locale.default('en'),
});
export const VerifyEmailBody = z.strictObject({ token: LinkToken });
/**
 * POST /v1/auth/verify-email. `signedIn`: the link was opened in the browser that signed up, soon
 * enough, so that browser now has a session (ADR 0028). `email`: the verified address, for the
 * sign-in form when it was not (whoever holds the link has read that inbox).
 */
export const VerifyEmailResponse = z.object({
  status: z.literal('verified'),
  /** `change_email`: the account's address is now the new one. */
  purpose: z.enum(['verify_email', 'change_email']),
  email: z.string(),
  signedIn: z.boolean(),
});
export const EmailOnlyBody = z.strictObject({ email: Email });
export const ResetPasswordBody = z.strictObject({ token: LinkToken, password: Password });
export const UnlockBody = z.strictObject({ token: LinkToken });

/** `tokenDelivery: 'body'` is for API clients; browsers get httpOnly cookies and no tokens in JSON. */
export const TokenDelivery = z.enum(['cookie', 'body']).default('cookie');
export const SignInBody = z.strictObject({
  email: Email,
  // Sign-in never applies the policy (old passwords must still work), only the size ceiling.
  password: z.string().min(1).max(PASSWORD_MAX_BYTES),
  tokenDelivery: TokenDelivery,
});
export const RefreshBody = z.strictObject({
  refreshToken: z.string().min(20).max(200).optional(),
  tokenDelivery: TokenDelivery,
});
export const ReauthenticateBody = z.strictObject({ password: z.string().min(1).max(PASSWORD_MAX_BYTES) });

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_BYTES),
  newPassword: Password,
});
export const ChangeEmailBody = z.strictObject({ newEmail: Email });
export const UpdateProfileBody = z
  .strictObject({ name: PersonName, locale: Locale, timezone: TimeZone })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to update');

export const Me = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['user', 'admin']),
  emailVerified: z.boolean(),
  locale: Locale,
  timezone: z.string(),
  createdAt: z.iso.datetime(),
  /** Relative API path of the avatar image (`/v1/avatars/<fileId>`), null without one. */
  avatarUrl: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;

export const TokenPair = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number(),
});
export const SignInResponse = z.object({ user: Me, tokens: TokenPair.optional() });

export const SessionView = z.object({
  id: z.string(),
  device: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime(),
  current: z.boolean(),
  /** An administrator's support access to this account (D1 impersonation): the user may end it. */
  impersonation: z.boolean(),
});
/** GET /v1/me/sessions: most recently used first by default (a session's use moves it up). */
export const SessionListQuery = listQuery({
  sorts: ['lastUsedAt:desc', 'createdAt:desc'],
  defaultSort: 'lastUsedAt:desc',
  defaultLimit: 100,
});
export type SessionListQuery = z.infer<typeof SessionListQuery>;
export const SessionList = listPage('sessions', SessionView);
export const SessionIdParams = z.strictObject({ id: z.uuid() });

export const SecurityEvent = z.object({
  id: z.string(),
  action: z.string(),
  ip: z.string().nullable(),
  device: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
/** GET /v1/me/security-activity: newest first. */
export const SecurityActivityQuery = listQuery({ sorts: ['createdAt:desc'], defaultSort: 'createdAt:desc' });
export type SecurityActivityQuery = z.infer<typeof SecurityActivityQuery>;
export const SecurityActivity = listPage('events', SecurityEvent);

/**
 * Auth cookie names (part of the HTTP contract: the web app reads them to decide on a silent
 * refresh). With COOKIE_SECURE they carry the `__Host-` prefix, which browsers accept only with
 * Secure, Path=/ and no Domain; plain-http local development uses the bare names.
 */
export const AUTH_COOKIE_BASE_NAMES = {
  access: 'gw_at',
  refresh: 'gw_rt',
  device: 'gw_did',
  /** The admin's own refresh token, kept aside while they impersonate someone (D1). */
  impersonator: 'gw_imp',
} as const;
export type AuthCookie = keyof typeof AUTH_COOKIE_BASE_NAMES;

export function authCookieName(kind: AuthCookie, secure: boolean): string {
  return `${secure ? '__Host-' : ''}${AUTH_COOKIE_BASE_NAMES[kind]}`;
}
