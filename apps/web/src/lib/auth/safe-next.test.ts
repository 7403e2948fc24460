import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next';

// The guard itself is tested in @repo/contracts (safe-path.test.ts); this is the web's use of it.
describe('safeNextPath', () => {
  const fallback = '/en/dashboard';

  it('keeps a local path, normalized', () => {
    expect(safeNextPath('/fr/settings/../profile?tab=1#x', fallback)).toBe('/fr/profile?tab=1#x');
  });

  it.each([['/..//evil.com'], ['/%2e%2e//evil.com'], ['//evil.com'], [undefined]])(
    'falls back for %j',
    (input) => {
      expect(safeNextPath(input, fallback)).toBe(fallback);
    },
  );
});
