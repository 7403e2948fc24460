import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { addMember, createOrg, createOrgUser, type WorldUser } from '../orgs/orgs.test-support';
import { get, walk } from './admin-users.test-support';

/**
 * The typo-tolerant ranking against real PostgreSQL (pg_trgm): a directory of names that look
 * alike, as a real customer base has, and the slips people make typing them.
 */
let t: TestApp;
let admin: WorldUser;
let orgId: string;
const ids = new Map<string, string>();

// Near neighbours of the names searched for, and ordinary names around them.
const NAMES = [
  'Dana Probe',
  'Diana Probst',
  'Dan Prober',
  'Dana Pope',
  'Nada Probe',
  'Donna Pierce',
  'Dania Brooke',
  'Anna Dobre',
  'Dana Parker',
  'Daniel Probert',
  'Ada Lovelace',
  'Adam Lovell',
  'Ava Wallace',
  'Grace Hopper',
  'Margaret Hamilton',
  'Katherine Johnson',
  'Marie Curie',
  'Mario Cruz',
  'Maria Cortez',
  'Lena Fischer',
  'Leon Fisher',
  'Noah Becker',
  'Hannah Baker',
  'Sofia Rossi',
  'Sophie Ross',
  'Mohammed Al-Farsi',
  'Muhammad Alfaris',
  'Yuki Tanaka',
  'Yusuf Tan',
  'Olivia Brown',
];

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createOrgUser(t, { globalRole: 'admin', prefix: 'search-root', name: 'Search Root' });
  orgId = (await createOrg(t, 'Search ranking')).id;
  for (const name of NAMES) {
    const user = await createOrgUser(t, { name, prefix: 'ranked' });
    await addMember(t, orgId, user.id, 'member');
    ids.set(name, user.id);
  }
});
afterAll(async () => t?.close());

type ListBody = { users: { id: string; name: string }[]; nextCursor: string | null };
async function search(q: string, extra = ''): Promise<string[]> {
  const res = await get(
    t,
    `/v1/admin/users?q=${encodeURIComponent(q)}&organizationId=${orgId}${extra}`,
    admin.auth,
  );
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as ListBody).users.map((u) => u.name);
}

describe('typo-tolerant admin user search', () => {
  const cases: [string, string][] = [
    ['Dnaa Prboe', 'Dana Probe'], // a swap in each word
    ['Dana Prboe', 'Dana Probe'],
    ['Dnaa Probe', 'Dana Probe'],
    ['dana probe', 'Dana Probe'], // exact, other case
    ['Dana Porbe', 'Dana Probe'],
    ['Ada Lovlace', 'Ada Lovelace'], // a missing letter (trigram alone)
    ['Ada Lvoelace', 'Ada Lovelace'],
    ['Grcae Hopper', 'Grace Hopper'],
    ['Margaret Hamliton', 'Margaret Hamilton'],
    ['Kahterine Johnson', 'Katherine Johnson'],
    ['Marie Cruie', 'Marie Curie'],
    ['Mohammed Al-Fasri', 'Mohammed Al-Farsi'],
    ['Hanah Baker', 'Hannah Baker'],
  ];
  for (const [typed, meant] of cases) {
    it(`"${typed}" ranks ${meant} first`, async () => {
      const found = await search(typed);
      expect(found[0], found.join(', ')).toBe(meant);
    });
  }

  it('ranks the exact name above a name one swap away, and that above unrelated names', async () => {
    const found = await search('Dana Probe');
    expect(found[0]).toBe('Dana Probe');
    expect(found).not.toContain('Olivia Brown');
  });

  it('does not let transposition variants pull in unrelated people', async () => {
    const found = await search('Dnaa Prboe');
    for (const unrelated of ['Olivia Brown', 'Yuki Tanaka', 'Grace Hopper', 'Marie Curie']) {
      expect(found).not.toContain(unrelated);
    }
  });

  it('pages a transposed search by relevance without gaps or repeats', async () => {
    const all = await search('Dnaa Prboe', '&limit=100');
    const { ids: walked } = await walk(
      t,
      `/v1/admin/users?q=${encodeURIComponent('Dnaa Prboe')}&organizationId=${orgId}&limit=2`,
      admin.auth,
    );
    expect(walked.length).toBe(all.length);
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked[0]).toBe(ids.get('Dana Probe'));
  });

  it('finds the intended user first across every account, not only in one organization', async () => {
    const unique = `Quillon Vexbridge${Math.random().toString(36).slice(2, 6)}`;
    const user = await createOrgUser(t, { name: unique });
    const res = await get(
      t,
      `/v1/admin/users?q=${encodeURIComponent('Qiullon Vexbirdge')}&limit=5`,
      admin.auth,
    );
    expect(res.statusCode).toBe(200);
    expect((res.json() as ListBody).users[0]?.id).toBe(user.id);
  });
});
