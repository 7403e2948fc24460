import { randomBytes } from 'node:crypto';
import type { TestApp } from '../../app.test-support';

/** Test-only helpers for the admin users/organizations tests (imported by *.int.test.ts only). */

export const get = (t: TestApp, url: string, auth?: string) =>
  t.app.inject({ method: 'GET', url, headers: auth ? { authorization: auth } : {} });

export const post = (t: TestApp, url: string, auth: string) =>
  t.app.inject({ method: 'POST', url, headers: { authorization: auth } });

/**
 * Inserts `count` users in ONE statement (generate_series), all members of `organizationId`, so a
 * test can list exactly them with the organizationId filter. Names repeat every 40 rows and
 * creation times every 3, so sorting must break ties on id.
 */
export async function seedUsers(t: TestApp, organizationId: string, count: number): Promise<string> {
  const tag = randomBytes(4).toString('hex');
  await t.deps.db.$executeRaw`
    INSERT INTO users (id, email, name, role, email_verified_at, created_at, updated_at)
    SELECT gen_random_uuid(), 'seed-' || ${tag} || '-' || g || '@example.test',
           'Seed Person ' || lpad((g % 40)::text, 2, '0'), 'user',
           CASE WHEN g % 2 = 0 THEN now() END,
           date_trunc('second', now()) - make_interval(secs => g / 3), now()
    FROM generate_series(1, ${count}::int) AS g`;
  await t.deps.db.$executeRaw`
    INSERT INTO memberships (id, organization_id, user_id, role, created_at, updated_at)
    SELECT gen_random_uuid(), ${organizationId}::uuid, u.id, 'member', now(), now()
    FROM users u WHERE u.email LIKE ${`seed-${tag}-%`}`;
  return tag;
}

/** Walks every page of `url` (which must not carry a cursor yet) and returns the ids in order. */
export async function walk(t: TestApp, url: string, auth: string, key: 'users' | 'organizations' = 'users') {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res = await get(t, cursor ? `${url}${sep}cursor=${encodeURIComponent(cursor)}` : url, auth);
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
    const body = res.json() as { nextCursor: string | null } & Record<string, { id: string }[]>;
    ids.push(...(body[key] ?? []).map((r) => r.id));
    cursor = body.nextCursor;
    if (++pages > 1000) throw new Error('pagination does not end');
  } while (cursor);
  return { ids, pages };
}
