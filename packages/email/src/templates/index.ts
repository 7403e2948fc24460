import type { EmailTemplate } from '@repo/contracts';
import type { TemplateDefinition } from '../template';
import { accountExists } from './account-exists';
import { accountLocked } from './account-locked';
import { confirmEmailChange } from './confirm-email-change';
import { emailChanged } from './email-changed';
import { newSignIn } from './new-sign-in';
import { orgInvitation } from './org-invitation';
import { orgRoleChanged } from './org-role-changed';
import { passwordChanged } from './password-changed';
import { resetPassword } from './reset-password';
import { suspiciousTokenReuse } from './suspicious-token-reuse';
import { backupCodeUsed, twoFactorDisabled, twoFactorEnabled } from './two-factor';
import { verifyEmail } from './verify-email';
import { waitlistWelcome } from './waitlist-welcome';
import { webhookEndpointDisabled } from './webhook-endpoint-disabled';
import { welcome } from './welcome';

/**
 * Every template, keyed by name. The mapped type makes a template declared in
 * `@repo/contracts` EmailTemplateProps but missing here a compile error.
 */
export const templates: { [T in EmailTemplate]: TemplateDefinition<T> } = {
  'waitlist-welcome': waitlistWelcome,
  'verify-email': verifyEmail,
  'confirm-email-change': confirmEmailChange,
  'account-exists': accountExists,
  welcome,
  'reset-password': resetPassword,
  'password-changed': passwordChanged,
  'email-changed': emailChanged,
  'account-locked': accountLocked,
  'new-sign-in': newSignIn,
  'suspicious-token-reuse': suspiciousTokenReuse,
  'two-factor-enabled': twoFactorEnabled,
  'two-factor-disabled': twoFactorDisabled,
  'backup-code-used': backupCodeUsed,
  'org-invitation': orgInvitation,
  'org-role-changed': orgRoleChanged,
  'webhook-endpoint-disabled': webhookEndpointDisabled,
};
