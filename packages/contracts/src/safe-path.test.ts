import { describe, expect, it } from 'vitest';
import { safeSameOriginPath } from './safe-path';

describe('safeSameOriginPath', () => {
  it('keeps local paths with query and hash', () => {
    expect(safeSameOriginPath('/en/settings/security')).toBe('/en/settings/security');
    expect(safeSameOriginPath('/fr/settings/profile?tab=1#x')).toBe('/fr/settings/profile?tab=1#x');
    expect(safeSameOriginPath('/')).toBe('/');
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
    expect(safeSameOriginPath(input)).toBeUndefined();
  });

  it('rejects non-strings and very long values', () => {
    expect(safeSameOriginPath(undefined)).toBeUndefined();
    expect(safeSameOriginPath(['/en'])).toBeUndefined();
    expect(safeSameOriginPath(`/${'a'.repeat(3000)}`)).toBeUndefined();
  });

  it('normalizes dot segments without leaving the origin', () => {
    expect(safeSameOriginPath('/../../evil.com')).toBe('/evil.com');
    expect(safeSameOriginPath('/%2F%2Fevil.com')).toBe('/%2F%2Fevil.com');
    expect(safeSameOriginPath('/en/settings/../dashboard')).toBe('/en/dashboard');
    expect(safeSameOriginPath('/en/./dashboard?x=/..//evil.com')).toBe('/en/dashboard?x=/..//evil.com');
  });

  // The guard used to check the raw value but return the normalized one: these all normalize to
  // `//evil.com`, which `window.location.assign` treats as another host.
  it.each([
    ['/..//evil.com'],
    ['/%2e%2e//evil.com'],
    ['/%2E%2E//evil.com'],
    ['/a/..//evil.com'],
    ['/./..//evil.com'],
    ['/.%2e//evil.com'],
    ['/%2e//evil.com'],
    ['/a/%2E%2e//evil.com/x?y=1#z'],
    ['/..///evil.com'],
    ['/.//evil.com'],
    ['/a/b/../../..//evil.com'],
  ])('rejects %j, which normalizes to a protocol-relative URL', (input) => {
    expect(safeSameOriginPath(input)).toBeUndefined();
  });
});
