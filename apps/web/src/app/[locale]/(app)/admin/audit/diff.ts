/** One field of an audit entry's before/after diff, for a readable two-column view. */
export type DiffRow = {
  key: string;
  before: string | null;
  after: string | null;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const show = (value: unknown): string | null =>
  value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value, null, 2);

/**
 * Field-by-field rows when both sides are objects (or missing); one `value` row otherwise.
 * Changed fields first, then unchanged ones, each group in key order.
 */
export function diffRows(before: unknown, after: unknown): DiffRow[] {
  if ((isRecord(before) || before == null) && (isRecord(after) || after == null)) {
    const b = isRecord(before) ? before : {};
    const a = isRecord(after) ? after : {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
    const rows = keys.map((key): DiffRow => {
      const inBefore = key in b;
      const inAfter = key in a;
      const beforeText = inBefore ? show(b[key]) : null;
      const afterText = inAfter ? show(a[key]) : null;
      const change = !inBefore
        ? 'added'
        : !inAfter
          ? 'removed'
          : beforeText === afterText
            ? 'unchanged'
            : 'changed';
      return { key, before: beforeText, after: afterText, change };
    });
    return [...rows.filter((r) => r.change !== 'unchanged'), ...rows.filter((r) => r.change === 'unchanged')];
  }
  const b = show(before);
  const a = show(after);
  return [
    {
      key: 'value',
      before: b,
      after: a,
      change: b === a ? 'unchanged' : b === null ? 'added' : a === null ? 'removed' : 'changed',
    },
  ];
}
