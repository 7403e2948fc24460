import type { Tx } from '@repo/db';
import type { ApiEnv } from '../env';

type PolicyEnv = Pick<ApiEnv, 'TWO_FACTOR_POLICY'>;

/** Whether TWO_FACTOR_POLICY demands a second factor for this role. */
export function policyRequires(env: PolicyEnv, role: string): boolean {
  return env.TWO_FACTOR_POLICY === 'all' || (env.TWO_FACTOR_POLICY === 'admins' && role === 'admin');
}

/**
 * True when the policy demands 2FA and the account has none yet: the session is then opened (the
 * user must be able to enrol) but its access tokens carry `mfa_required`, which confines them to
 * the routes below until enrolment is confirmed.
 */
export async function enrolmentPending(
  db: Pick<Tx, 'twoFactor'>,
  env: PolicyEnv,
  user: { id: string; role: string },
): Promise<boolean> {
  if (!policyRequires(env, user.role)) return false;
  const tf = await db.twoFactor.findUnique({ where: { userId: user.id }, select: { enabledAt: true } });
  return !tf?.enabledAt;
}

/** What an `mfa_required` token may still call: who am I, enrolment, sudo, sign-out. */
const ALLOWED = new Set([
  'GET /v1/me',
  'POST /v1/auth/sign-out',
  'POST /v1/auth/reauthenticate',
  'POST /v1/auth/refresh',
]);

export function allowedWhileEnrolmentPending(method: string, routeUrl: string | undefined): boolean {
  if (!routeUrl) return false;
  if (routeUrl === '/v1/me/two-factor' || routeUrl.startsWith('/v1/me/two-factor/')) return true;
  return ALLOWED.has(`${method} ${routeUrl}`);
}
