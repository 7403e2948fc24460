import pkg from '../../package.json';
import type { App, AppDeps } from '../types';
import { accountsRoutes } from './accounts/accounts.routes';
import { adminAuditRoutes } from './admin-audit/admin-audit.routes';
import { adminJobsRoutes } from './admin-jobs/admin-jobs.routes';
import { adminOverviewRoutes } from './admin-overview/admin-overview.routes';
import { adminUsersRoutes } from './admin-users/admin-users.routes';
import { apiKeysRoutes } from './api-keys/api-keys.routes';
import { auditRoutes } from './audit/audit.routes';
import { authRoutes } from './auth/auth.routes';
import { flagsRoutes } from './flags/flags.routes';
import { impersonationRoutes } from './impersonation/impersonation.routes';
import { invitationsRoutes } from './invitations/invitations.routes';
import { metaRoutes } from './meta/meta.routes';
import { orgsRoutes } from './orgs/orgs.routes';
import { profileRoutes } from './profile/profile.routes';
import { sessionsRoutes } from './sessions/sessions.routes';
import { ssoRoutes } from './sso/sso.routes';
import { challengeRoutes } from './two-factor/challenge.routes';
import { twoFactorRoutes } from './two-factor/two-factor.routes';
import { waitlistRoutes } from './waitlist/waitlist.routes';

/**
 * Every feature module, mounted under /v1. A module is a Fastify plugin in
 * `modules/<feature>/<feature>.routes.ts` taking what it needs from `deps`.
 */
export async function registerModules(app: App, deps: AppDeps): Promise<void> {
  await app.register(
    async (v1) => {
      await v1.register(metaRoutes, { version: pkg.version });

      // ── Feature modules (one line each) ──────────────────────────────────────────────
      await v1.register(waitlistRoutes, { deps });
      await v1.register(auditRoutes, { deps });
      await v1.register(accountsRoutes, { deps });
      await v1.register(profileRoutes, { deps });
      await v1.register(authRoutes, { deps });
      await v1.register(sessionsRoutes, { deps });
      await v1.register(challengeRoutes, { deps });
      await v1.register(twoFactorRoutes, { deps });
      await v1.register(ssoRoutes, { deps });
      await v1.register(orgsRoutes, { deps });
      await v1.register(invitationsRoutes, { deps });
      await v1.register(apiKeysRoutes, { deps });
      await v1.register(adminUsersRoutes, { deps });
      await v1.register(adminAuditRoutes, { deps });
      await v1.register(adminJobsRoutes, { deps });
      await v1.register(flagsRoutes, { deps });
      await v1.register(adminOverviewRoutes, { deps });
      await v1.register(impersonationRoutes, { deps });
    },
    { prefix: '/v1' },
  );
}
