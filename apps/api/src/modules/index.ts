import pkg from '../../package.json';
import type { App, AppDeps } from '../types';
import { accountsRoutes } from './accounts';
import { adminAuditRoutes } from './admin-audit';
import { adminJobsRoutes } from './admin-jobs';
import { adminOverviewRoutes } from './admin-overview';
import { adminUsersRoutes } from './admin-users';
import { apiKeysRoutes } from './api-keys';
import { auditRoutes } from './audit';
import { authRoutes } from './auth';
import { filesRoutes, imagesRoutes } from './files';
import { flagsRoutes } from './flags';
import { impersonationRoutes } from './impersonation';
import { invitationsRoutes } from './invitations';
import { metaRoutes } from './meta';
import { onboardingRoutes } from './onboarding';
import { orgsRoutes } from './orgs';
import { profileRoutes } from './profile';
import { sessionsRoutes } from './sessions';
import { ssoRoutes } from './sso';
import { challengeRoutes, twoFactorRoutes } from './two-factor';
import { waitlistRoutes } from './waitlist';
import { webhooksRoutes } from './webhooks';

/**
 * Every feature module, mounted under /v1. A module is a Fastify plugin in
 * `modules/<feature>/<feature>.routes.ts` taking what it needs from `deps`, imported here through
 * the module's public surface, `modules/<feature>/index.ts` (checked by scripts/boundaries.test.ts).
 */
export async function registerModules(app: App, deps: AppDeps): Promise<void> {
  await app.register(
    async (v1) => {
      await v1.register(metaRoutes, {
        version: pkg.version,
        features: { waitlist: deps.env.WAITLIST_ENABLED },
      });

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
      await v1.register(webhooksRoutes, { deps });
      await v1.register(onboardingRoutes, { deps });
      await v1.register(filesRoutes, { deps });
      await v1.register(imagesRoutes, { deps });
      // gen:modules (`pnpm gen feature <name>` registers new modules above this line)
    },
    { prefix: '/v1' },
  );
}
