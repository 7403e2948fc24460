/**
 * The audit action catalog: every row in the audit log names one of these, whether the API or
 * the worker wrote it (@repo/audit takes only these). The admin audit viewer filters by them.
 */
/** Every audited action; the security page shows the `auth.*` and `session.*` ones to the user. */
export const AUDIT_ACTIONS = [
  'auth.sign_up',
  'auth.email_verified',
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.locked',
  'auth.unlocked',
  'auth.sign_out',
  'auth.refresh_reuse',
  'auth.password_reset',
  'auth.password_changed',
  'auth.email_change_requested',
  'auth.email_changed',
  'auth.reauthenticated',
  'session.revoked',
  'profile.updated',
  'auth.two_factor_enabled',
  'auth.two_factor_disabled',
  'auth.two_factor_failed',
  'auth.backup_code_used',
  'auth.backup_codes_regenerated',
  'auth.trusted_device_revoked',
  'auth.sso_sign_in',
  'auth.identity_linked',
  'auth.identity_unlinked',
  'org.created',
  'org.updated',
  'org.deleted',
  'org.ownership_transferred',
  'org.member_role_changed',
  'org.member_removed',
  'org.member_left',
  'org.invitation_created',
  'org.invitation_resent',
  'org.invitation_revoked',
  'org.invitation_accepted',
  'org.invitation_declined',
  'org.apikey_created',
  'org.apikey_rotated',
  'org.apikey_revoked',
  'org.webhook_created',
  'org.webhook_updated',
  'org.webhook_deleted',
  'org.webhook_secret_rotated',
  /** Messages sent again by hand: one, or every failed one since a time. */
  'org.webhook_redelivered',
  /** The worker disabled an endpoint (410 Gone, or failing past the limit). */
  'org.webhook_disabled',
  /** A member tried something their role does not allow (403/409): kept for review. */
  'org.access_denied',
  // Admin dashboard (docs/admin.md): every admin action.
  'admin.user_role_changed',
  'admin.user_disabled',
  'admin.user_enabled',
  'admin.user_signed_out',
  'admin.user_two_factor_reset',
  'admin.user_verification_resent',
  'admin.user_deleted',
  'admin.user_restored',
  /** The maintenance job removed an account whose deletion grace period had passed. */
  'admin.user_purged',
  'admin.impersonation_started',
  'admin.impersonation_ended',
  /** One row per request (any method but OPTIONS/HEAD) made while an admin impersonated the actor. */
  'impersonation.request',
  'admin.audit_exported',
  'admin.job_retried',
  'admin.job_removed',
  'admin.flag_created',
  'admin.flag_updated',
  'admin.flag_deleted',
  // gen:audit-actions (`pnpm gen feature <name>` adds the resource's actions above this line)
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
