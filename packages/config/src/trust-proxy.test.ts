import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from './trust-proxy';

describe('parseTrustProxy', () => {
  it.each([
    ['false', false],
    ['', false],
    ['0', false],
    ['true', true],
    ['TRUE', true],
    ['2', 2],
  ])('%j → %j', (raw, expected) => {
    expect(parseTrustProxy(raw)).toBe(expected);
  });

  it('parses a comma-separated list of addresses and ranges', () => {
    expect(parseTrustProxy('10.0.0.1, 192.168.0.0/16,loopback, ::1')).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
      'loopback',
      '::1',
    ]);
  });

  it('refuses entries that are not addresses, so a typo cannot trust everyone', () => {
    expect(() => parseTrustProxy('10.0.0.1,yes')).toThrow(/TRUST_PROXY.*yes/);
    expect(() => parseTrustProxy('web', 'WEB_TRUST_PROXY')).toThrow(/^WEB_TRUST_PROXY: "web"/);
  });
});
