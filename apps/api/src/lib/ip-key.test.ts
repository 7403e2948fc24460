import { describe, expect, it } from 'vitest';
import { ipKey } from './ip-key';

describe('ipKey', () => {
  it('keeps IPv4 and unwraps IPv4-mapped IPv6', () => {
    expect(ipKey('203.0.113.7')).toBe('203.0.113.7');
    expect(ipKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('groups IPv6 addresses by /64, whatever their spelling', () => {
    const key = '2001:0db8:0001:0002::/64';
    expect(ipKey('2001:db8:1:2::1')).toBe(key);
    expect(ipKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe(key);
    expect(ipKey('2001:DB8:1:2:0:0:0:9')).toBe(key);
    expect(ipKey('2001:db8:1:3::1')).not.toBe(key);
    expect(ipKey('::1')).toBe('0000:0000:0000:0000::/64');
    expect(ipKey('fe80::1%eth0')).toBe('fe80:0000:0000:0000::/64');
    expect(ipKey('64:ff9b::192.0.2.1')).toBe('0064:ff9b:0000:0000::/64');
  });

  it('bounds anything else', () => {
    expect(ipKey('x'.repeat(500))).toHaveLength(64);
    expect(ipKey('')).toBe('unknown');
  });
});
