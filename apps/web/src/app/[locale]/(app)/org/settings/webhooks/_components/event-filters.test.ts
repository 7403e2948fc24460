import { describe, expect, it } from 'vitest';
import { covers, groupByFamily, normalizeFilters } from './event-filters';

describe('event filters', () => {
  it('groups types by family in catalog order', () => {
    expect(groupByFamily(['member.added', 'user.created', 'member.removed'])).toEqual([
      { family: 'member', types: ['member.added', 'member.removed'] },
      { family: 'user', types: ['user.created'] },
    ]);
  });

  it('knows what a wildcard covers', () => {
    expect(covers(new Set(['member.*']), 'member.added')).toBe(true);
    expect(covers(new Set(['member.*']), 'user.created')).toBe(false);
    expect(covers(new Set(['*']), 'user.created')).toBe(true);
    expect(covers(new Set(['user.created']), 'user.created')).toBe(true);
  });

  it('sends the smallest list of filters', () => {
    expect(normalizeFilters(new Set(['*', 'member.*', 'user.created']))).toEqual(['*']);
    expect(normalizeFilters(new Set(['member.added', 'member.*', 'user.created']))).toEqual([
      'member.*',
      'user.created',
    ]);
    expect(normalizeFilters(new Set())).toEqual([]);
  });
});
