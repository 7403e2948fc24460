import { expect } from '@playwright/test';
import pg from 'pg';
import { runnerUrl } from './env';

/**
 * Makes `email` a global admin straight in the e2e stack's database (there is no sign-up path to
 * the admin role, by design). Do it before the user signs in: the role travels in the access
 * token, so an existing session only sees it after its next refresh.
 */
export async function promoteToAdmin(email: string): Promise<void> {
  const client = new pg.Client({ connectionString: runnerUrl('databaseUrl', 'DATABASE_URL') });
  await client.connect();
  try {
    const res = await client.query(`UPDATE users SET role = 'admin' WHERE email = $1`, [email]);
    expect(res.rowCount).toBe(1);
  } finally {
    await client.end();
  }
}
