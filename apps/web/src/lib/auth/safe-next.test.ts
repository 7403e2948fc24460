import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next';

const fallback = '/en/dashboard';

describe('safeNextPath', () => {
  it('keeps local paths with query and hash', () => {
    expect(safeNextPath('/en/settings/security', fallback)).toBe('/en/settings/security');
    expect(safeNextPath('/fr/settings/profile?tab=1#x', fallback)).toBe('/fr/settings/profile?tab=1#x');
  });

  it.each([
    ['//evil.com', 'protocol-relative'],
    ['//evil.com/en/dashboard', 'protocol-relative with path'],
    ['/\\evil.com', 'backslash'],
    ['\\\\evil.com', 'double backslash'],
    ['/\t/evil.com', 'tab that browsers strip'],
    ['/\n/evil.com', 'newline that browsers strip'],
    ['https://evil.com', 'absolute URL'],
    ['http://local.invalid/x', 'absolute URL on the dummy base'],
    ['javascript:alert(1)', 'javascript scheme'],
    ['JavaScript:alert(1)', 'javascript scheme, mixed case'],
    ['data:text/html,hi', 'data scheme'],
    ['evil.com', 'relative host-looking path'],
    ['', 'empty'],
    [' /en', 'leading space'],
  ])('rejects %j (%s)', (input) => {
    expect(safeNextPath(input, fallback)).toBe(fallback);
  });

  it('rejects non-strings and very long values', () => {
    expect(safeNextPath(undefined, fallback)).toBe(fallback);
    expect(safeNextPath(['/en'], fallback)).toBe(fallback);
    expect(safeNextPath(`/${'a'.repeat(3000)}`, fallback)).toBe(fallback);
  });

  it('normalizes dot segments without leaving the origin', () => {
    expect(safeNextPath('/../../evil.com', fallback)).toBe('/evil.com');
    expect(safeNextPath('/%2F%2Fevil.com', fallback)).toBe('/%2F%2Fevil.com');
  });
});
