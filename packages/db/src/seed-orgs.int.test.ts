import { afterAll, describe, expect, it } from 'vitest';
import seed from '../../../prisma/seed';
import { createDb } from './index';

const db = createDb({ url: process.env.DATABASE_URL ?? '', poolMax: 2 });
afterAll(() => db.$disconnect());
const test = { NODE_ENV: 'test' };

const demo = async () => {
  const users = await db.user.findMany({
    where: { email: { in: ['admin@groundwork.local', 'user@groundwork.local'] } },
    orderBy: { email: 'asc' },
    include: { memberships: { include: { organization: true } } },
  });
  return users.map((u) => ({
    email: u.email,
    active: u.activeOrganizationId,
    orgs: u.memberships
      .map((m) => ({
        id: m.organizationId,
        slug: m.organization.slug,
        personal: m.organization.personal,
        role: m.role,
      }))
      .sort((a, b) => Number(b.personal) - Number(a.personal)),
  }));
};

describe('prisma/seed organizations', () => {
  it('gives each demo user one personal organization and shares "Acme", idempotently', async () => {
    await seed(db, { env: test });
    const first = await demo();
    expect(first).toHaveLength(2);
    for (const user of first) {
      const [personal, acme, ...rest] = user.orgs;
      expect(rest).toEqual([]);
      expect(personal).toMatchObject({ personal: true, role: 'owner' });
      expect(personal?.slug).toMatch(/^personal-[0-9a-f]{32}$/);
      expect(acme).toMatchObject({ slug: 'acme', personal: false });
      expect(user.active).toBeTruthy();
    }
    expect(first.map((u) => u.orgs[1]?.role)).toEqual(['owner', 'member']);

    // Someone demoted the owner and removed the member: the next seed restores the demo state.
    const acmeId = first[0]?.orgs[1]?.id ?? '';
    await db.membership.updateMany({ where: { organizationId: acmeId }, data: { role: 'member' } });
    await db.membership.deleteMany({
      where: { organizationId: acmeId, user: { email: 'user@groundwork.local' } },
    });
    await seed(db, { env: test });
    expect(await demo()).toEqual(first);
  });
});
