import { describe, expect, it, vi } from 'vitest';

// The fetch client imports app aliases the unit runner does not resolve; these helpers never call it.
vi.mock('./client', () => ({ api: {} }));

const { auditExportUrl, auditFilterQuery } = await import('./admin-audit');

describe('audit filter query', () => {
  it('keeps set filters only, trimmed, and leaves the prefix wildcard readable', () => {
    expect(
      auditFilterQuery({ action: ' org.* ', actorId: '', targetType: 'user', targetId: undefined }),
    ).toBe('action=org.*&targetType=user');
  });

  it('adds the paging parameters after the filters', () => {
    expect(auditFilterQuery({ action: 'org.created' }, { cursor: 'abc', limit: '50' })).toBe(
      'action=org.created&cursor=abc&limit=50',
    );
  });

  it('points the export at the same-origin gateway with the same filters', () => {
    expect(auditExportUrl({})).toBe('/api/v1/admin/audit-logs/export');
    expect(auditExportUrl({ from: '2026-01-01T00:00:00.000Z' })).toBe(
      '/api/v1/admin/audit-logs/export?from=2026-01-01T00%3A00%3A00.000Z',
    );
  });
});
