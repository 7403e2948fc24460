import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { repoMigrationsDir, serverUrl } from './migrations.test-support';
import { withScratchDatabase } from './scratch';

const ORGS = readdirSync(repoMigrationsDir).find((name) => name.endsWith('_organizations'));

/**
 * Accounts created before organizations existed get a personal organization from the migration
 * itself (A8: every user has one), so upgrading a live database leaves nobody without a tenant.
 */
describe('organizations migration backfill', () => {
  it('gives every existing user an owned, active personal organization', async () => {
    expect(ORGS).toBeDefined();
    const before = mkdtempSync(join(tmpdir(), 'mig-before-'));
    try {
      // The migrations up to (not including) the organizations one.
      for (const name of readdirSync(repoMigrationsDir)) {
        if (name < (ORGS as string) || !/^\d/.test(name))
          cpSync(join(repoMigrationsDir, name), join(before, name), { recursive: true });
      }
      await withScratchDatabase(serverUrl(), async (url) => {
        await migrate({ url, migrationsDir: before });
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const ids = [randomUUID(), randomUUID()];
          for (const [i, id] of ids.entries()) {
            await client.query(`INSERT INTO users (id, email, name, updated_at) VALUES ($1, $2, $3, now())`, [
              id,
              `old${i}@example.test`,
              `Old User ${i}`,
            ]);
          }
          await migrate({ url });
          const { rows } = await client.query<{
            id: string;
            name: string;
            role: string;
            active: boolean;
            personal: boolean;
          }>(
            `SELECT u.id, o.name, m.role, u.active_organization_id = o.id AS active, o.personal
               FROM users u JOIN memberships m ON m.user_id = u.id JOIN organizations o ON o.id = m.organization_id
              ORDER BY u.email`,
          );
          expect(rows).toEqual([
            { id: ids[0], name: 'Old User 0', role: 'owner', active: true, personal: true },
            { id: ids[1], name: 'Old User 1', role: 'owner', active: true, personal: true },
          ]);
        } finally {
          await client.end();
        }
      });
    } finally {
      rmSync(before, { recursive: true, force: true });
    }
  });
});
