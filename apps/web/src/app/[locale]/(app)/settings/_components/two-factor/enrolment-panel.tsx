'use client';

import type { TwoFactorStatus } from '@repo/contracts';
import { useLocale } from 'next-intl';
import type { z } from 'zod';
import { refreshSession } from '@/lib/api/client';
import { APP_HOME } from '@/lib/auth/paths';
import { TwoFactorPanel } from './two-factor-section';

/** The policy's enrolment page: once enrolled, a fresh access token (no mfa_required) and home. */
export function EnrolmentPanel({ status }: { status: z.infer<typeof TwoFactorStatus> }) {
  const locale = useLocale();
  return (
    <TwoFactorPanel
      status={status}
      onEnrolled={async () => {
        await refreshSession();
        window.location.assign(`/${locale}${APP_HOME}`);
      }}
    />
  );
}
