import { ONBOARDING_STEPS, type OnboardingState } from '@repo/contracts';
import { AppError } from '../../errors';
import { type AppDeps, clockOf } from '../../types';
import { STEP_CHECKS } from './steps';

/** The checklist of one user: every step's state, worked out now, and whether they closed it. */
export async function onboardingState(deps: AppDeps, userId: string): Promise<OnboardingState> {
  const user = await deps.db.user.findUnique({
    where: { id: userId },
    select: { id: true, emailVerifiedAt: true, onboardingDismissedAt: true },
  });
  if (!user) throw new AppError('unauthorized');
  const done = await Promise.all(ONBOARDING_STEPS.map((id) => STEP_CHECKS[id]({ db: deps.db, user })));
  return {
    steps: ONBOARDING_STEPS.map((id, i) => ({ id, done: done[i] ?? false })),
    dismissed: user.onboardingDismissedAt !== null,
  };
}

/** Closes (or reopens) the user's own checklist; a preference, so no audit row. */
export async function setOnboardingDismissed(
  deps: AppDeps,
  userId: string,
  dismissed: boolean,
): Promise<OnboardingState> {
  const now = clockOf(deps).now();
  await deps.db.user.update({
    where: { id: userId },
    data: { onboardingDismissedAt: dismissed ? now : null },
  });
  return onboardingState(deps, userId);
}
