/**
 * 100,000 users for the admin list benchmark, inserted by a few INSERT … SELECT generate_series
 * statements (seconds, not minutes): 60 × 60 first/last name combinations (so a search has
 * realistic duplicates), 2 % admins, 2 % disabled, 1 % deleted, 80 % verified, 10 % with 2FA, a
 * session for every third user, 1,000 organizations with one membership per user.
 */
import { pg } from './pg';

const FIRST = [
  'Ada',
  'Alan',
  'Barbara',
  'Charles',
  'Claude',
  'Dennis',
  'Donald',
  'Edsger',
  'Frances',
  'Grace',
  'Hedy',
  'Ivan',
  'John',
  'Joan',
  'Ken',
  'Katherine',
  'Leslie',
  'Linus',
  'Margaret',
  'Niklaus',
  'Radia',
  'Richard',
  'Robin',
  'Sophie',
  'Tim',
  'Whitfield',
  'Yukihiro',
  'Guido',
  'Bjarne',
  'James',
  'Anders',
  'Brendan',
  'Rasmus',
  'Larry',
  'Sergey',
  'Marissa',
  'Susan',
  'Sheryl',
  'Vint',
  'Bob',
  'Mary',
  'Jean',
  'Annie',
  'Evelyn',
  'Lynn',
  'Shafi',
  'Silvio',
  'Judea',
  'Manuel',
  'Michael',
  'Andrew',
  'Peter',
  'Leonard',
  'Adi',
  'Ron',
  'Martin',
  'Butler',
  'Fernando',
  'Kristen',
  'Ole-Johan',
];
const LAST = [
  'Lovelace',
  'Turing',
  'Liskov',
  'Babbage',
  'Shannon',
  'Ritchie',
  'Knuth',
  'Dijkstra',
  'Allen',
  'Hopper',
  'Lamarr',
  'Sutherland',
  'McCarthy',
  'Clarke',
  'Thompson',
  'Johnson',
  'Lamport',
  'Torvalds',
  'Hamilton',
  'Wirth',
  'Perlman',
  'Stallman',
  'Milner',
  'Wilson',
  'Berners-Lee',
  'Diffie',
  'Matsumoto',
  'van Rossum',
  'Stroustrup',
  'Gosling',
  'Hejlsberg',
  'Eich',
  'Lerdorf',
  'Page',
  'Brin',
  'Mayer',
  'Wojcicki',
  'Sandberg',
  'Cerf',
  'Kahn',
  'Keller',
  'Sammet',
  'Easley',
  'Berners',
  'Conway',
  'Goldwasser',
  'Micali',
  'Pearl',
  'Blum',
  'Stonebraker',
  'Yao',
  'Naur',
  'Adleman',
  'Shamir',
  'Rivest',
  'Hellman',
  'Lampson',
  'Corbato',
  'Nygaard',
  'Dahl',
];

export const ADMIN_BENCH_USERS = 100_000;

export async function seedAdminUsers(databaseUrl: string, count = ADMIN_BENCH_USERS): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO organizations (id, name, slug, personal, created_at, updated_at)
       SELECT gen_random_uuid(), 'Bench Org ' || g, 'bench-org-' || g, false, now(), now()
       FROM generate_series(1, 1000) AS g`,
    );
    await client.query(
      `INSERT INTO users (id, email, name, role, email_verified_at, disabled_at, deleted_at, created_at, updated_at)
       SELECT uuidv7(), lower(replace(f, ' ', '')) || '.' || lower(replace(l, ' ', '')) || g || '@example.test',
              f || ' ' || l,
              -- Independent hashes per attribute, so filters combine like real data would.
              (CASE WHEN abs(hashtext(g || 'a')) % 50 = 0 THEN 'admin' ELSE 'user' END)::user_role,
              CASE WHEN abs(hashtext(g || 'v')) % 5 <> 0 THEN now() END,
              CASE WHEN abs(hashtext(g || 'd')) % 50 = 0 THEN now() END,
              CASE WHEN abs(hashtext(g || 'x')) % 100 = 0 THEN now() END,
              now() - make_interval(mins => g * 5), now()
       FROM generate_series(1, $3::int) AS g,
            LATERAL (SELECT ($1::text[])[1 + g % 60] AS f, ($2::text[])[1 + (g / 60) % 60] AS l) AS n`,
      [FIRST, LAST, count],
    );
    await client.query(
      `INSERT INTO two_factors (user_id, secret_ciphertext, enabled_at, created_at, updated_at)
       SELECT id, 'bench', now(), now(), now() FROM users WHERE abs(hashtext(id::text)) % 10 = 0`,
    );
    await client.query(
      `INSERT INTO sessions (id, user_id, amr, auth_time, last_used_at, idle_expires_at, expires_at, created_at, updated_at)
       SELECT gen_random_uuid(), id, '{pwd}', now(), now(), now() + interval '1 day', now() + interval '30 days',
              now() - interval '1 hour', now()
       FROM users WHERE abs(hashtext(id::text)) % 3 = 0`,
    );
    await client.query(
      `INSERT INTO memberships (id, organization_id, user_id, role, created_at, updated_at)
       SELECT gen_random_uuid(), o.id, u.id, 'member', now(), now()
       FROM (SELECT id, row_number() OVER (ORDER BY id) % 1000 AS k FROM users) u
       JOIN (SELECT id, row_number() OVER (ORDER BY id) % 1000 AS k FROM organizations) o USING (k)`,
    );
    await client.query('COMMIT');
    // Rows bulk-inserted after a GIN index exists wait in its pending list, which the planner
    // prices so high that it prefers a sequential scan; autovacuum would flush it later, and a
    // benchmark should not measure that window.
    await client.query('VACUUM ANALYZE');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
