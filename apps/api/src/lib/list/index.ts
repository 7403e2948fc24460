/**
 * Lists (docs/architecture.md#lists, ADR 0023): one cursor codec and one keyset executor for every
 * list route. The contract declares the query with `listQuery` and the answer with `listPage`
 * (`@repo/contracts`); here `defineList` maps each sort key to its columns, and `keyset` turns a
 * validated query into Prisma arguments and the fetched rows into `{ items, nextCursor }`:
 *
 * ```ts
 * const widgetList = defineList({
 *   sorts: {
 *     'createdAt:desc': { field: 'createdAt', type: 'timestamp' },
 *     'name:asc': { field: 'name', type: 'text' },
 *   },
 * }); // tie-breaker: `id` (a uuid) unless `id: { field, type }` says otherwise
 *
 * export async function listWidgets(deps: AppDeps, orgId: string, query: WidgetListQuery) {
 *   const k = keyset(widgetList, query, { scope: orgId }); // a bad cursor: 400 invalid_cursor
 *   const rows = await deps.db.widget.findMany({
 *     where: { AND: [{ organizationId: orgId }, k.where] },
 *     orderBy: k.orderBy,
 *     take: k.take,
 *     select: widgetSelect, // must include the sort columns and the id
 *   });
 *   const { items, nextCursor } = k.page(rows, toWidget);
 *   return { widgets: items, nextCursor };
 * }
 * ```
 *
 * `scope` binds a cursor to whose list it is (organization, user, queue…): another scope's cursor
 * is 400 invalid_cursor. Lists that do not go through Prisma (raw SQL, Redis) use the same spec
 * with `decodeCursor` / `encodeCursor` / `takePage`. This folder imports no module.
 */

export {
  type CursorBinding,
  type CursorPosition,
  type CursorValue,
  decodeCursor,
  encodeCursor,
  invalidCursor,
} from './cursor';
export {
  type Keyset,
  keyset,
  keysetOrderBy,
  keysetWhere,
  type ListResult,
  positionOf,
  takePage,
} from './keyset';
export { defineList, type FieldType, type ListSpec, type SortField, type TieBreaker } from './spec';
