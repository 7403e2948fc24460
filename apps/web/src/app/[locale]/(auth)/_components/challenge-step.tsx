'use client';

import { useRouter } from '@/i18n/navigation';
import { TwoFactorStep } from './two-factor-step';

/** The code step on its own page (after a provider sign-in); "start over" goes to sign-in. */
export function ChallengeStep({ challengeToken, next }: { challengeToken: string; next: string }) {
  const router = useRouter();
  return (
    <TwoFactorStep
      challengeToken={challengeToken}
      next={next}
      onRestart={() => router.push(`/sign-in?next=${encodeURIComponent(next)}`)}
    />
  );
}
