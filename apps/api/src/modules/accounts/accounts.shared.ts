import { AppError } from '../../errors';
import type { BruteForceAction } from '../../lib/brute-force';
import { checkPasswordPolicy, type PasswordContext } from '../../lib/password';
import type { RequestMeta } from '../../lib/request-meta';
import type { AppDeps } from '../../types';

/** What account services need: the app's dependencies plus where the request came from. */
export type AccountsDeps = AppDeps;

/**
 * The one answer for an emailed link that is unknown, used, expired, superseded or for another
 * purpose: telling them apart would help nobody but someone probing tokens.
 */
export function linkTokenInvalid(): AppError {
  return new AppError('link_invalid', 'This link is invalid or has expired. Request a new one.');
}

/** Throws validation_failed with field errors when the password breaks the NIST policy. */
export function assertPasswordPolicy(password: string, context: PasswordContext, path = 'password'): void {
  const errors = checkPasswordPolicy(password, context, path);
  if (errors.length > 0)
    throw new AppError('validation_failed', 'The password is not acceptable.', { errors });
}

/** Brute-force actions of the unauthenticated, mail-sending endpoints (policies in lib/brute-force-policy). */
export type MailingAction = Extract<BruteForceAction, 'sign_up' | 'forgot' | 'resend'>;

/**
 * Every call of a mail-sending endpoint counts against its IP and the target address, known or
 * not (so the limit itself reveals nothing): these endpoints have no "failure", only volume, and
 * the volume is what mail-bombing or enumeration needs. For these `attempts` actions
 * assertAllowed itself counts the request (429 past the limit).
 */
export async function countMailingAttempt(
  deps: AppDeps,
  meta: RequestMeta,
  action: MailingAction,
  email: string,
): Promise<void> {
  await deps.bruteForce.assertAllowed({ action, ip: meta.ip, account: email });
}
