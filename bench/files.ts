/**
 * Files scenario for `pnpm bench` (F1): starting an upload (POST /v1/orgs/:orgId/files/uploads,
 * the presign) against GET /v1/me in the same run, reported as presign req/s ÷ /me req/s (target
 * ≥ 0.70). A presign writes a pending file row and an audit row under the organization's lock
 * (the quota check) and signs a POST policy; /me reads one user. Each bench user uploads into an
 * organization of their own, as members of different organizations would.
 */
import { randomUUID } from 'node:crypto';
import { createDb } from '@repo/db';
import { type BenchUser, meRequests, prepareUsers } from './identity';

type Context = Record<string, unknown>;
interface Request {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

interface LoadResult {
  name: string;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export interface FilesBench {
  me: LoadResult;
  presign: LoadResult;
  /** presign req/s ÷ GET /v1/me req/s. */
  ratio: number;
}

interface Options {
  apiUrl: string;
  databaseUrl: string;
  pid: number | undefined;
  connections: number;
  load: (s: {
    name: string;
    url: string;
    pid: number | undefined;
    requests?: unknown[];
  }) => Promise<LoadResult>;
}

/** One organization per user, the user its owner (written directly, like the users themselves). */
async function giveOrganizations(databaseUrl: string, users: BenchUser[]): Promise<Map<string, string>> {
  const db = createDb({ url: databaseUrl, poolMax: 2 });
  const orgOf = new Map<string, string>();
  try {
    const rows = await db.user.findMany({
      where: { email: { in: users.map((u) => u.email) } },
      select: { id: true, email: true },
    });
    for (const row of rows) {
      const org = await db.organization.create({
        data: { name: 'Bench files', slug: `bench-files-${randomUUID().slice(0, 12)}` },
      });
      await db.membership.create({ data: { organizationId: org.id, userId: row.id, role: 'owner' } });
      orgOf.set(row.email, org.id);
    }
  } finally {
    await db.$disconnect();
  }
  return orgOf;
}

/** Each request borrows a free user (as identity.ts does) and starts a 1 KB upload in their organization. */
function presignRequests(users: BenchUser[], orgOf: Map<string, string>) {
  const free = [...users];
  return [
    {
      method: 'POST',
      path: '/v1/orgs',
      setupRequest: (req: Request, context: Context) => {
        const user = free.shift();
        if (!user) throw new Error('bench: more connections than users');
        context.user = user;
        return {
          ...req,
          path: `/v1/orgs/${orgOf.get(user.email)}/files/uploads`,
          headers: {
            ...req.headers,
            authorization: `Bearer ${user.accessToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ name: 'bench report.pdf', size: 1024, type: 'application/pdf' }),
        };
      },
      onResponse: (_status: number, _body: string, context: Context) => free.push(context.user as BenchUser),
    },
  ];
}

export async function filesScenarios({
  apiUrl,
  databaseUrl,
  pid,
  connections,
  load,
}: Options): Promise<FilesBench> {
  const users = await prepareUsers(apiUrl, databaseUrl, connections);
  const orgOf = await giveOrganizations(databaseUrl, users);
  const me = await load({
    name: 'api GET /v1/me (files baseline)',
    url: `${apiUrl}/v1/me`,
    pid,
    requests: meRequests(users),
  });
  const presign = await load({
    name: 'api POST …/files/uploads',
    url: apiUrl,
    pid,
    requests: presignRequests(users, orgOf),
  });
  return { me, presign, ratio: Number((presign.reqPerSec / me.reqPerSec).toPrecision(3)) };
}

export function filesTable(result: FilesBench | null): string[] {
  if (!result) return [];
  const row = (r: LoadResult) =>
    `| ${r.name} | ${r.reqPerSec} | ${r.p50Ms} | ${r.p99Ms} | ${r.non2xx + r.errors} |`;
  return [
    '## Files: starting an upload (presign) vs GET /v1/me',
    '',
    `Same users, same run. Ratio = presign req/s ÷ /me req/s = **${result.ratio}** (target ≥ 0.70).`,
    '',
    '| Scenario | req/s | p50 ms | p99 ms | non-2xx + errors |',
    '| --- | ---: | ---: | ---: | ---: |',
    row(result.me),
    row(result.presign),
    '',
  ];
}
