/**
 * API error codes (and client-side ones: network_error) that have their own sentence in the
 * `Errors` catalog; any other code shows `Errors.generic`. account_locked and rate_limited are
 * handled separately (they carry a time).
 */
export const LOCALIZED_ERROR_CODES = [
  'invalid_credentials',
  'email_not_verified',
  'reauth_required',
  'link_invalid',
  'token_invalid',
  'token_expired',
  'unauthorized',
  'csrf_rejected',
  'validation_failed',
  'network_error',
  'service_unavailable',
  'not_found',
  'conflict',
  'two_factor_invalid',
  'two_factor_enrollment_required',
  'last_sign_in_method',
  'forbidden',
  // Organizations and API keys (A8, A9).
  'last_owner',
  'role_not_allowed',
  'slug_taken',
  'already_member',
  'invitation_exists',
  'invitation_email_mismatch',
  'account_exists',
  'org_personal',
  'confirmation_mismatch',
  'api_key_invalid',
  'credentials_in_query',
  // Admin: restoring a deleted account (D1).
  'user_not_deleted',
  'user_restore_expired',
  // Admin impersonation (D1).
  'impersonation_restricted',
  'impersonation_not_allowed',
] as const;

export const TIMED_ERROR_CODES = [
  'account_locked',
  'account_lockedNoTime',
  'rate_limited',
  'rate_limitedNoTime',
];
