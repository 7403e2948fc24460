import { z } from 'zod';
import { Me, TokenPair } from './auth';
import { multiLineText } from './text';

/**
 * Admin impersonation (D1, ADR 0019): a global admin opens a time-limited session as
 * another user to see what they see. The session carries the admin as its actor (`act` claim),
 * cannot reach the user's credentials or security settings, and everything done in it is audited.
 */

export const StartImpersonationBody = z.strictObject({
  /** Why (support ticket, bug report): stored on the session and in the audit log. */
  reason: multiLineText({ min: 3, max: 500 }),
  /** Bearer clients get the token pair in the body; browsers get cookies. */
  tokenDelivery: z.enum(['cookie', 'body']).default('cookie'),
});
export type StartImpersonationBody = z.input<typeof StartImpersonationBody>;

/** Who is being impersonated, by whom, and until when. */
export const ImpersonationInfo = z.object({
  sessionId: z.string(),
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  impersonator: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  reason: z.string(),
  startedAt: z.iso.datetime(),
  /** The hard time limit: the session and its tokens stop working then. */
  expiresAt: z.iso.datetime(),
});
export type ImpersonationInfo = z.infer<typeof ImpersonationInfo>;

export const StartImpersonationResponse = z.object({
  impersonation: ImpersonationInfo,
  tokens: TokenPair.optional(),
});
export type StartImpersonationResponse = z.infer<typeof StartImpersonationResponse>;

export const EndImpersonationResponse = z.object({
  /** True when the admin's own session was restored (browser flow); false: signed out. */
  restored: z.boolean(),
  /** The user who was impersonated, so the admin can be taken back to their page. */
  userId: z.string().nullable(),
});
export type EndImpersonationResponse = z.infer<typeof EndImpersonationResponse>;

/** `GET /me`: the account, plus the impersonation when an admin is acting as it. */
export const CurrentUser = Me.extend({ impersonation: ImpersonationInfo.nullable() });
export type CurrentUser = z.infer<typeof CurrentUser>;
