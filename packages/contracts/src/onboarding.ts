import { z } from 'zod';

/**
 * The dashboard's getting-started checklist. `ONBOARDING_STEPS` is the one list of steps: the API
 * maps every id to the check that says whether it is done (apps/api/src/modules/onboarding/steps.ts)
 * and the web app to its label and link (dashboard/onboarding-steps.ts). Both maps are typed
 * `Record<OnboardingStepId, …>`, so a step added here does not compile until both know it.
 * Order here is the order on screen.
 */
export const ONBOARDING_STEPS = ['verify_email', 'two_factor', 'invite_teammate', 'api_key'] as const;
export const OnboardingStepId = z.enum(ONBOARDING_STEPS);
export type OnboardingStepId = z.infer<typeof OnboardingStepId>;

export const OnboardingStep = z.object({ id: OnboardingStepId, done: z.boolean() });
/** GET /v1/me/onboarding: each step with its state, worked out from the data on every call. */
export const OnboardingState = z.object({
  steps: z.array(OnboardingStep),
  /** The user closed the checklist; it stays closed (also once every step is done). */
  dismissed: z.boolean(),
});
export type OnboardingState = z.infer<typeof OnboardingState>;
/** PATCH /v1/me/onboarding: close the checklist, or bring it back. */
export const UpdateOnboardingBody = z.strictObject({ dismissed: z.boolean() });
