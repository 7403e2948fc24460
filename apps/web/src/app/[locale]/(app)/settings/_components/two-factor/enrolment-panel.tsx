'use client';

import { useLocale } from 'next-intl';
import { refreshSession } from '@/lib/api/client';
import { APP_HOME } from '@/lib/auth/paths';
import type { TwoFactorStatus } from '@/lib/mfa/schemas';
import { TwoFactorPanel } from './two-factor-section';

/** The policy's enrolment page: once enrolled, a fresh access token (no mfa_required) and home. */
export function EnrolmentPanel({ status }: { status: TwoFactorStatus }) {
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
