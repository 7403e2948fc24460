import { describe, expect, it } from 'vitest';
import { judgeAddress, parseCidrs } from './address';

describe('judgeAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['169.254.169.254', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'uniqueLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    // IPv4 inside IPv6: mapped forms are unwrapped and judged as the IPv4 address they carry.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:10.1.2.3', 'private'],
    // Translation and tunnel forms could reach anything: refused outright.
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['2001::1', 'teredo'],
    ['not-an-ip', 'invalid'],
  ])('refuses %s (%s)', (address, range) => {
    expect(judgeAddress(address)).toEqual({ allowed: false, range });
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(judgeAddress(address)).toEqual({ allowed: true });
  });

  it('allows what a configured subnet covers, and nothing next to it', () => {
    const allow = parseCidrs(['10.20.0.0/16', 'fd12::/16']);
    expect(judgeAddress('10.20.3.4', allow)).toEqual({ allowed: true });
    expect(judgeAddress('fd12::5', allow)).toEqual({ allowed: true });
    expect(judgeAddress('10.21.0.1', allow)).toEqual({ allowed: false, range: 'private' });
    expect(judgeAddress('127.0.0.1', allow)).toEqual({ allowed: false, range: 'loopback' });
  });

  it('rejects a malformed subnet in configuration', () => {
    expect(() => parseCidrs(['10.0.0.0/33'])).toThrow(/Not a CIDR subnet/);
  });
});
