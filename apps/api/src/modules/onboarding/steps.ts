import type { OnboardingStepId } from '@repo/contracts';
import type { Db } from '@repo/db';

/** What a step's check gets: the user and a database client to look at their data. */
export interface StepContext {
  db: Db;
  user: { id: string; emailVerifiedAt: Date | null };
}

/**
 * Whether each getting-started step is done, from the data itself (never a box the user ticks):
 * the checklist cannot drift from the account. To add a step, add its id to `ONBOARDING_STEPS` in
 * @repo/contracts; this record (and the web app's) then fails to compile until it has the check.
 * Keep checks to one indexed query: they all run on every dashboard render.
 */
export const STEP_CHECKS: Record<OnboardingStepId, (ctx: StepContext) => Promise<boolean>> = {
  verify_email: async ({ user }) => user.emailVerifiedAt !== null,
  two_factor: async ({ db, user }) =>
    (await db.twoFactor.count({ where: { userId: user.id, enabledAt: { not: null } } })) > 0,
  // Sending one invitation is the step; whether it was accepted is the teammate's part.
  invite_teammate: async ({ db, user }) =>
    (await db.invitation.count({ where: { invitedById: user.id } })) > 0,
  api_key: async ({ db, user }) => (await db.apiKey.count({ where: { createdById: user.id } })) > 0,
};
