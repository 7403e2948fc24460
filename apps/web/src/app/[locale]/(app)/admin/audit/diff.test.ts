import { describe, expect, it } from 'vitest';
import { diffRows } from './diff';

describe('diffRows', () => {
  it('marks added, removed, changed and unchanged fields, changes first', () => {
    const rows = diffRows({ role: 'member', name: 'A', gone: 1 }, { role: 'admin', name: 'A', fresh: true });
    expect(rows).toEqual([
      { key: 'fresh', before: null, after: 'true', change: 'added' },
      { key: 'gone', before: '1', after: null, change: 'removed' },
      { key: 'role', before: 'member', after: 'admin', change: 'changed' },
      { key: 'name', before: 'A', after: 'A', change: 'unchanged' },
    ]);
  });

  it('treats a missing side as empty and scalars as one value', () => {
    expect(diffRows(null, { a: 1 })).toEqual([{ key: 'a', before: null, after: '1', change: 'added' }]);
    expect(diffRows('x', 'y')).toEqual([{ key: 'value', before: 'x', after: 'y', change: 'changed' }]);
  });
});
