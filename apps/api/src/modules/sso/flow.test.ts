import { describe, expect, it } from 'vitest';
import { safeNext } from './flow';

// The guard itself is tested in @repo/contracts (safe-path.test.ts); this is the SSO flow's use.
describe('safeNext', () => {
  it('keeps a same-origin path, normalized', () => {
    expect(safeNext('/../../en/dashboard')).toBe('/en/dashboard');
  });

  // Appended to APP_URL after the callback, and handed to `window.location.assign` by the web.
  it.each([[undefined], ['/..//evil.com'], ['/%2e%2e//evil.com'], ['https://evil.com']])(
    'refuses %j',
    (input) => {
      expect(safeNext(input)).toBeUndefined();
    },
  );
});
