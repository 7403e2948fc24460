import type { OnboardingStepId } from '@repo/contracts';
import { KeyRoundIcon, type LucideIcon, MailCheckIcon, ShieldCheckIcon, UserPlusIcon } from 'lucide-react';

/**
 * How the dashboard shows each getting-started step: where its action leads and its icon. The
 * strings are `App.onboarding.steps.<id>.{title,body,action}` in every messages file. Typed as a
 * record of every `OnboardingStepId`, so a step added to `ONBOARDING_STEPS` in @repo/contracts
 * fails to compile here until it has a view (see docs/onboarding.md).
 */
export const ONBOARDING_STEP_VIEWS: Record<OnboardingStepId, { href: string; Icon: LucideIcon }> = {
  verify_email: { href: '/settings/profile', Icon: MailCheckIcon },
  two_factor: { href: '/settings/two-factor', Icon: ShieldCheckIcon },
  // The members page invites, or explains that a personal organization has no one to invite.
  invite_teammate: { href: '/org/settings/members', Icon: UserPlusIcon },
  api_key: { href: '/org/settings/api-keys', Icon: KeyRoundIcon },
};
