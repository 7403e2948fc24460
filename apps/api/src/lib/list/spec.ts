import type { SortKey } from '@repo/contracts';

/**
 * How a list orders its rows, per allow-listed sort key: which columns, of which type. The type
 * decides what a cursor value may be (a timestamp, text, a number in a range, a boolean), so a
 * forged cursor is a 400 here rather than a cast error (a 500) in PostgreSQL.
 */
export type FieldType = 'timestamp' | 'text' | 'number' | 'boolean';

export interface SortField {
  /**
   * The Prisma field, or a path through to-one relations (`organization.name`). Raw-SQL and
   * Redis lists only name it; the keyset executor reads and compares it.
   */
  field: string;
  /** Never a nullable column: a position must have a value. */
  type: FieldType;
  /** This column's own direction (a compound order); default: the sort key's (`name:asc` → asc). */
  direction?: 'asc' | 'desc';
  /** number only: the range a cursor value must lie in, and whether it must be an integer. */
  min?: number;
  max?: number;
  integer?: boolean;
}

/** The unique column that breaks ties between rows with equal sort values. */
export interface TieBreaker {
  field: string;
  type: 'uuid' | 'text';
}

export interface ResolvedField extends SortField {
  direction: 'asc' | 'desc';
}

export interface ListSpec<S extends SortKey = SortKey> {
  readonly sorts: { readonly [K in S]: readonly ResolvedField[] };
  /** null: the sort columns are unique by themselves (a flag key, an offset). */
  readonly id: TieBreaker | null;
}

export interface ListDefinition<S extends SortKey> {
  /** One entry per sort key of the contract's `listQuery`; one column, or several (compound). */
  sorts: { readonly [K in S]: SortField | readonly SortField[] };
  /** Default `{ field: 'id', type: 'uuid' }`; null when the sort columns are unique. */
  id?: TieBreaker | null;
}

export const DEFAULT_ID: TieBreaker = { field: 'id', type: 'uuid' };

/** Declares a list's sorts once; `keyset`, `encodeCursor` and `decodeCursor` take the result. */
export function defineList<S extends SortKey>(definition: ListDefinition<S>): ListSpec<S> {
  const sorts = {} as { [K in S]: readonly ResolvedField[] };
  for (const key of Object.keys(definition.sorts) as S[]) {
    const direction = key.endsWith(':desc') ? 'desc' : 'asc';
    const fields: readonly SortField[] = ([] as SortField[]).concat(definition.sorts[key]);
    if (fields.length === 0) throw new Error(`list sort ${key}: no column`);
    sorts[key] = fields.map((f) => ({ ...f, direction: f.direction ?? direction }));
  }
  return { sorts, id: definition.id === undefined ? DEFAULT_ID : definition.id };
}

/** The columns of one sort; an unknown key (the contract lets through only known ones) throws. */
export function fieldsOf<S extends SortKey>(spec: ListSpec<S>, sort: S): readonly ResolvedField[] {
  const fields = (spec.sorts as Record<string, readonly ResolvedField[] | undefined>)[sort];
  if (!fields) throw new Error(`list: no sort ${sort} in this list's spec`);
  return fields;
}
