import {
  type AdminUserList,
  type AdminUserListItem,
  type AdminUserListQuery,
  type AdminUserListSort,
  type AdminUserStatus,
  imageUrlOf,
} from '@repo/contracts';
import { type Db, Prisma } from '@repo/db';
import { decodeCursor, defineList, encodeCursor, takePage } from '../../lib/list';
import { SWAP_COST, transpositionVariants } from './search-variants';

/**
 * Trigram threshold for `q <% column` (pg_trgm word similarity). The extension's default, 0.6,
 * misses one-letter typos in short words ("lovlace" → "Lovelace" scores 0.55); 0.5 still keeps
 * unrelated names out. Set per transaction (SET LOCAL), so the GIN index serves the operator.
 */
export const WORD_SIMILARITY_THRESHOLD = 0.5;

type SortKey = 'createdAt' | 'name' | 'email' | 'relevance';

/**
 * The list's sorts (lists convention), run as raw SQL below: the spec gives each cursor value its
 * type (a relevance score is a word_similarity, within [0, 1]; anything else would also overflow
 * the ::real cast). A relevance cursor is bound to the search it ranks against.
 */
export const adminUserList = defineList({
  sorts: {
    'createdAt:desc': { field: 'created_at', type: 'timestamp' },
    'createdAt:asc': { field: 'created_at', type: 'timestamp' },
    'name:asc': { field: 'name', type: 'text' },
    'name:desc': { field: 'name', type: 'text' },
    'email:asc': { field: 'email', type: 'text' },
    'email:desc': { field: 'email', type: 'text' },
    'relevance:desc': { field: 'rank', type: 'number', min: 0, max: 1 },
  },
});

export interface UserListRow {
  id: string;
  email: string;
  name: string;
  role: 'user' | 'admin';
  email_verified_at: Date | null;
  disabled_at: Date | null;
  deleted_at: Date | null;
  created_at: Date;
  rank: number | null;
  two_factor_enabled: boolean;
  last_sign_in_at: Date | null;
  avatar_file_id: string | null;
}

// Column identifiers come from this fixed map only; user input never reaches Prisma.raw.
const SORT_COLUMN: Record<Exclude<SortKey, 'relevance'>, Prisma.Sql> = {
  createdAt: Prisma.raw('u.created_at'),
  name: Prisma.raw('u.name'),
  email: Prisma.raw('u.email'),
};

const PAGE_SORT_COLUMN: Record<SortKey, Prisma.Sql> = {
  createdAt: Prisma.raw('p.created_at'),
  name: Prisma.raw('p.name'),
  email: Prisma.raw('p.email'),
  relevance: Prisma.raw('p.rank'),
};

export function statusOf(u: { disabledAt: Date | null; deletedAt: Date | null }): AdminUserStatus {
  if (u.deletedAt) return 'deleted';
  return u.disabledAt ? 'disabled' : 'active';
}

export function toListItem(row: UserListRow): AdminUserListItem {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: statusOf({ disabledAt: row.disabled_at, deletedAt: row.deleted_at }),
    emailVerified: row.email_verified_at !== null,
    twoFactorEnabled: row.two_factor_enabled,
    createdAt: row.created_at.toISOString(),
    lastSignInAt: row.last_sign_in_at?.toISOString() ?? null,
    avatarUrl: imageUrlOf(row.avatar_file_id),
  };
}

/** `%`, `_` and `\` are literal in the search text, not LIKE wildcards. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filters(query: AdminUserListQuery): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (query.q !== undefined) {
    // Each arm is served by a GIN trigram index (BitmapOr); the email substring catches what word
    // similarity does not (a domain fragment, a plus-address).
    // The transposition variants (search-variants.ts) add one arm each on the same name index.
    const variants = transpositionVariants(query.q).map((v) => Prisma.sql`${v.text} <% u.name`);
    const swapped = variants.length > 0 ? Prisma.sql` OR ${Prisma.join(variants, ' OR ')}` : Prisma.empty;
    where.push(
      Prisma.sql`(${query.q} <% u.name OR ${query.q} <% u.email OR u.email ILIKE ${likePattern(query.q)}${swapped})`,
    );
  }
  if (query.role) where.push(Prisma.sql`u.role = ${query.role}::user_role`);
  switch (query.status) {
    case 'active':
      where.push(Prisma.sql`u.deleted_at IS NULL AND u.disabled_at IS NULL`);
      break;
    case 'disabled':
      where.push(Prisma.sql`u.deleted_at IS NULL AND u.disabled_at IS NOT NULL`);
      break;
    case 'deleted':
      where.push(Prisma.sql`u.deleted_at IS NOT NULL`);
      break;
    default:
      where.push(Prisma.sql`u.deleted_at IS NULL`);
  }
  if (query.verified !== undefined) {
    where.push(
      query.verified ? Prisma.sql`u.email_verified_at IS NOT NULL` : Prisma.sql`u.email_verified_at IS NULL`,
    );
  }
  if (query.twoFactor !== undefined) {
    const enabled = Prisma.sql`EXISTS (SELECT 1 FROM two_factors tf WHERE tf.user_id = u.id AND tf.enabled_at IS NOT NULL)`;
    where.push(query.twoFactor ? enabled : Prisma.sql`NOT ${enabled}`);
  }
  if (query.organizationId) {
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.organization_id = ${query.organizationId}::uuid)`,
    );
  }
  return where;
}

export interface ListPlan {
  sql: Prisma.Sql;
  sort: AdminUserListSort;
  sortKey: SortKey;
  order: 'asc' | 'desc';
}

/**
 * Relevance, within [0, 1]: the best trigram word similarity of the search to the name or the
 * email, or of a transposition variant to the name less what its swaps cost (never below 0).
 */
function rankOf(q: string): Prisma.Sql {
  const terms = [
    Prisma.sql`word_similarity(${q}, u.name)`,
    Prisma.sql`word_similarity(${q}, u.email)`,
    ...transpositionVariants(q).map(
      (v) => Prisma.sql`GREATEST(word_similarity(${v.text}, u.name) - ${SWAP_COST * v.swaps}::real, 0::real)`,
    ),
  ];
  return Prisma.sql`GREATEST(${Prisma.join(terms, ', ')})`;
}

/** Omitted: by relevance when searching, else newest first. */
export const sortOf = (query: AdminUserListQuery): AdminUserListSort =>
  query.sort ?? (query.q !== undefined ? 'relevance:desc' : 'createdAt:desc');

/** What a cursor is valid for besides its sort: the search, when the order ranks against it. */
const bindingOf = (sort: AdminUserListSort, q: string | undefined) =>
  sort === 'relevance:desc' ? { search: q } : undefined;

/**
 * The whole list as ONE statement: filter, keyset condition `(sort value, id) </> cursor`, ORDER
 * BY the same pair, LIMIT n+1 (to know whether a next page exists) — then, for the page rows only,
 * the 2FA flag and the newest session. No OFFSET: a deep page costs what the first one does.
 * Exported for the benchmark, which runs the same SQL through `pg`.
 */
export function buildUserListQuery(query: AdminUserListQuery): ListPlan {
  const sort = sortOf(query);
  const [sortKey, order] = sort.split(':') as [SortKey, 'asc' | 'desc'];
  const rank = query.q !== undefined ? rankOf(query.q) : Prisma.sql`NULL::real`;
  // The keyset condition needs the expression; ORDER BY names the computed column (`rank`), so the
  // score is not computed twice per row.
  const sortExpr = sortKey === 'relevance' ? rank : SORT_COLUMN[sortKey];
  const where = filters(query);
  const cmp = Prisma.raw(order === 'asc' ? '>' : '<');
  const dir = Prisma.raw(order === 'asc' ? 'ASC' : 'DESC');
  const c = decodeCursor(adminUserList, { sort, cursor: query.cursor }, bindingOf(sort, query.q));
  if (c) {
    const [v] = c.values;
    const value =
      sortKey === 'relevance'
        ? Prisma.sql`${Number(v)}::real`
        : sortKey === 'createdAt'
          ? Prisma.sql`${String(v)}::timestamptz`
          : Prisma.sql`${String(v)}::text`;
    where.push(Prisma.sql`(${sortExpr}, u.id) ${cmp} (${value}, ${c.id}::uuid)`);
  }
  const sql = Prisma.sql`
    WITH page AS (
      SELECT u.id, u.email, u.name, u.role, u.email_verified_at, u.disabled_at, u.deleted_at,
             u.created_at, u.avatar_file_id, ${rank} AS rank
      FROM users u
      WHERE ${Prisma.join(where, ' AND ')}
      ORDER BY ${sortKey === 'relevance' ? Prisma.raw('rank') : sortExpr} ${dir}, u.id ${dir}
      LIMIT ${query.limit + 1}
    )
    SELECT p.id::text AS id, p.email, p.name, p.role::text AS role, p.email_verified_at, p.disabled_at,
           p.deleted_at, p.created_at, p.rank, p.avatar_file_id::text AS avatar_file_id,
           EXISTS (SELECT 1 FROM two_factors tf WHERE tf.user_id = p.id AND tf.enabled_at IS NOT NULL)
             AS two_factor_enabled,
           (SELECT max(s.created_at) FROM sessions s WHERE s.user_id = p.id) AS last_sign_in_at
    FROM page p
    ORDER BY ${PAGE_SORT_COLUMN[sortKey]} ${dir}, p.id ${dir}`;
  return { sql, sort, sortKey, order };
}

/** The cursor naming the row after which the next page starts. */
export function nextCursorFor(plan: ListPlan, last: UserListRow, q: string | undefined): string {
  const v =
    plan.sortKey === 'relevance'
      ? Number(last.rank)
      : plan.sortKey === 'createdAt'
        ? last.created_at
        : last[plan.sortKey];
  return encodeCursor(adminUserList, plan.sort, { values: [v], id: last.id }, bindingOf(plan.sort, q));
}

/** Runs the list; with a search, the trigram threshold is set for this transaction only. */
export async function listUsers(db: Db, query: AdminUserListQuery): Promise<AdminUserList> {
  const plan = buildUserListQuery(query);
  const rows =
    query.q === undefined
      ? await db.$queryRaw<UserListRow[]>(plan.sql)
      : (
          await db.$transaction([
            db.$queryRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY_THRESHOLD)}, true)`,
            db.$queryRaw<UserListRow[]>(plan.sql),
          ])
        )[1];
  const page = takePage(rows, query.limit, (last) => nextCursorFor(plan, last, query.q));
  return { users: page.rows.map(toListItem), nextCursor: page.nextCursor };
}
