/**
 * What `pnpm bench` (bench/) uses of the API, as one stable export (`@repo/api/bench`): the
 * bench imports this, never files under src/ (checked by scripts/boundaries.test.ts), so the
 * modules can move and change behind it. The app itself never imports this file.
 */
import type { AdminUserListQuery } from '@repo/contracts';
import { buildUserListQuery, nextCursorFor, type UserListRow } from './modules/admin-users';

/** The password hash sign-up stores (argon2id), for users the bench inserts directly. */
export { hashPassword } from './lib/password';
/** The admin user list's SQL (run through `pg` as the baseline) and its trigram threshold. */
export {
  buildUserListQuery,
  type ListPlan as AdminUserListPlan,
  type UserListRow as AdminUserListRow,
  WORD_SIMILARITY_THRESHOLD,
} from './modules/admin-users';

/**
 * The `nextCursor` the admin user list answers for a page that ends at `last`, in `query`'s order:
 * how the bench starts a page deep into the list without paging there.
 */
export function adminUserListCursorAfter(query: AdminUserListQuery, last: UserListRow): string {
  return nextCursorFor(buildUserListQuery(query), last, query.q);
}
