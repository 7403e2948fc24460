import 'server-only';
import { OnboardingState } from '@repo/contracts';
import { unstable_rethrow } from 'next/navigation';
import { serverGet } from '@/lib/api/server';

/** The checklist's state for this render; an API hiccup hides the checklist, not the dashboard. */
export async function getOnboarding(): Promise<OnboardingState | null> {
  try {
    return await serverGet('/me/onboarding', OnboardingState);
  } catch (error) {
    unstable_rethrow(error);
    return null;
  }
}
