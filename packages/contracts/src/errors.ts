import { z } from 'zod';

/**
 * Stable machine-readable error codes (the error contract, docs/architecture.md#error-contract).
 * Clients branch on `code`, never on `title` or `detail`. Adding a code is fine; renaming one is a
 * breaking change.
 */
export const ErrorCode = {
  validation_failed: 400,
  bad_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  token_invalid: 401,
  /** An emailed link (verification, reset, unlock) that is unknown, used or expired. */
  link_invalid: 400,
  /** Access token expired: refresh and retry (the web client does this silently). */
  token_expired: 401,
  /** Wrong email or password: one answer for both, so accounts cannot be enumerated. */
  invalid_credentials: 401,
  /** Correct password, but the email address is not verified yet. */
  email_not_verified: 403,
  /** Sudo mode: re-enter the password (POST /v1/auth/reauthenticate), then retry. */
  reauth_required: 403,
  /** Too many failed sign-ins: temporarily locked; an unlock link was emailed. */
  account_locked: 423,
  forbidden: 403,
  csrf_rejected: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
  timeout: 503,
  /** Wrong or already used two-factor code (TOTP or backup code): try again. */
  two_factor_invalid: 400,
  /** The account must enrol in two-factor authentication (TWO_FACTOR_POLICY) before anything else. */
  two_factor_enrollment_required: 403,
  /** Removing this sign-in method would leave the account with no way in (no password, no other identity). */
  last_sign_in_method: 409,
  /** The sign-in provider cannot be reached (discovery failed); password sign-in still works. */
  sso_provider_unavailable: 503,
  /** The organization would be left without an owner (leave, demote, remove the last one). */
  last_owner: 409,
  /** Granting (inviting with, changing to) a role above one's own, or managing a higher member. */
  role_not_allowed: 403,
  slug_taken: 409,
  /** The invited address already belongs to a member. */
  already_member: 409,
  /** A pending invitation for that address exists: resend it instead. */
  invitation_exists: 409,
  /** Signed in as someone other than the invited address. */
  invitation_email_mismatch: 403,
  /** Signing up through an invitation for an address that already has an account: sign in. */
  account_exists: 409,
  /** Personal organizations go away with the account, not on their own. */
  org_personal: 409,
  /** A destructive action's typed confirmation (e.g. the organization slug) does not match. */
  confirmation_mismatch: 400,
  /** Unknown, wrong, revoked or expired API key: one answer for all, so none can be probed. */
  api_key_invalid: 401,
  /** Credentials (an API key, a token) in the URL query string, where logs and proxies keep them. */
  credentials_in_query: 400,
  /** Not while an admin impersonates the account: password, email, 2FA, sessions, API keys, admin. */
  impersonation_restricted: 403,
  /** This account cannot be impersonated (oneself, another admin, a disabled or deleted account). */
  impersonation_not_allowed: 409,
  /** Restoring an account that is not deleted. */
  user_not_deleted: 409,
  /** Restoring a deleted account whose grace period has passed: it is due to be purged. */
  user_restore_expired: 409,
  /**
   * A webhook URL deliveries may not go to: not https, credentials in it, a host that does not
   * resolve, or one that resolves to a loopback, private, link-local or other internal address.
   * The field error's code says which (`scheme_not_allowed`, `address_not_allowed` …).
   */
  webhook_url_refused: 422,
  /** An upload of zero bytes (declared, or found at completion): nothing is stored. */
  empty_file: 400,
  /** Over the size limit of its purpose (FILES_MAX_BYTES, FILES_AVATAR_MAX_BYTES). */
  file_too_large: 413,
  /** The declared type is not accepted for this purpose (avatars and logos are PNG, JPEG, WebP, GIF). */
  file_type_not_allowed: 415,
  /** The organization's storage quota (FILES_ORG_QUOTA_BYTES) would be exceeded. */
  storage_quota_exceeded: 413,
  /** Completing an upload whose object (or one of whose parts) is not in the bucket yet. */
  upload_incomplete: 409,
  /** The uploaded object's size differs from the declared one: the object was deleted, the file rejected. */
  upload_size_mismatch: 422,
  /** The upload is no longer pending (completed, aborted or rejected already). */
  upload_not_pending: 409,
  /** The file is not ready (still being checked, or rejected): it cannot be downloaded yet. */
  file_not_ready: 409,
} as const;
export type ErrorCode = keyof typeof ErrorCode;

export const FieldError = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string(),
});

/** RFC 9457 problem details, as every error response of the API is shaped. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  requestId: z.string(),
  errors: z.array(FieldError).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const problemType = (code: string) => `https://groundwork.dev/problems/${code.replaceAll('_', '-')}`;
