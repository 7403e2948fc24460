/** Public surface of the admin users and organizations pages (D1, D2). */

/** For `pnpm bench` only (src/bench-exports.ts): the users list's one SQL statement, its rows and cursors. */
export {
  buildUserListQuery,
  type ListPlan,
  nextCursorFor,
  type UserListRow,
  WORD_SIMILARITY_THRESHOLD,
} from './admin-user-list';
export { adminUsersRoutes } from './admin-users.routes';
