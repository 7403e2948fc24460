import { describe, expect, it } from 'vitest';
import { createApiKeyFailures } from './api-key-failures';

describe('createApiKeyFailures', () => {
  it('refuses an address once it has failed `max` lookups, until its window ends', () => {
    let clock = 1_000;
    const failures = createApiKeyFailures({ max: 3, windowMs: 60_000, now: () => clock });
    for (let i = 0; i < 3; i++) {
      expect(failures.allow('10.0.0.1')).toBe(true);
      failures.fail('10.0.0.1');
    }
    expect(failures.allow('10.0.0.1')).toBe(false);
    // Other addresses have their own budget.
    expect(failures.allow('10.0.0.2')).toBe(true);
    clock += 59_999;
    expect(failures.allow('10.0.0.1')).toBe(false);
    clock += 1;
    expect(failures.allow('10.0.0.1')).toBe(true);
    failures.fail('10.0.0.1');
    expect(failures.allow('10.0.0.1')).toBe(true);
  });

  it('stays bounded: the oldest addresses are forgotten first', () => {
    const failures = createApiKeyFailures({ max: 1, windowMs: 60_000, maxEntries: 2 });
    failures.fail('a');
    failures.fail('b');
    expect([failures.allow('a'), failures.allow('b')]).toEqual([false, false]);
    failures.fail('c');
    expect([failures.allow('a'), failures.allow('b'), failures.allow('c')]).toEqual([true, false, false]);
  });

  it('remembers keys that verified recently, for an hour after their last success, bounded', () => {
    let clock = 0;
    const failures = createApiKeyFailures({ max: 1, windowMs: 60_000, maxEntries: 2, now: () => clock });
    expect(failures.knownGood('gwk_a')).toBe(false);
    failures.succeed('gwk_a');
    clock += 3_599_999;
    expect(failures.knownGood('gwk_a')).toBe(true);
    failures.succeed('gwk_a');
    clock += 3_599_999;
    expect(failures.knownGood('gwk_a')).toBe(true);
    clock += 1;
    expect(failures.knownGood('gwk_a')).toBe(false);
    failures.succeed('gwk_b');
    failures.succeed('gwk_c');
    failures.succeed('gwk_d');
    expect(['gwk_b', 'gwk_c', 'gwk_d'].map((p) => failures.knownGood(p))).toEqual([false, true, true]);
  });
});
