import pkg from '../../package.json';
import type { App, AppDeps } from '../types';
import { metaRoutes } from './meta/meta.routes';
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
    },
    { prefix: '/v1' },
  );
}
