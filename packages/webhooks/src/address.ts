import ipaddr from 'ipaddr.js';

/**
 * Which IP addresses a webhook may be delivered to. Only globally routable unicast addresses
 * pass: loopback, private, link-local (and with it the cloud metadata address 169.254.169.254),
 * carrier-grade NAT, multicast, broadcast, unspecified, reserved and documentation ranges, IPv6
 * unique-local, and every IPv6 form that embeds an IPv4 address (mapped, NAT64, 6to4, Teredo)
 * are refused; embedded IPv4 is unwrapped and judged itself rather than trusted.
 */
export type AddressVerdict = { allowed: true } | { allowed: false; range: string };

/** A subnet a self-hoster allows despite the rules above, e.g. `10.20.0.0/16`. */
export type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

export function parseCidrs(list: readonly string[]): Cidr[] {
  return list.map((entry) => {
    try {
      return ipaddr.parseCIDR(entry.trim());
    } catch {
      throw new TypeError(`Not a CIDR subnet: ${entry}`);
    }
  });
}

const IPV4_EMBEDDING = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052', '6to4', 'teredo']);

export function judgeAddress(address: string, allowList: readonly Cidr[] = []): AddressVerdict {
  if (!ipaddr.isValid(address)) return { allowed: false, range: 'invalid' };
  const parsed = ipaddr.parse(address);
  if (allowList.some((cidr) => parsed.kind() === cidr[0].kind() && parsed.match(cidr))) {
    return { allowed: true };
  }
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    const range = v6.range();
    if (range === 'ipv4Mapped') return judgeAddress(v6.toIPv4Address().toString(), allowList);
    if (IPV4_EMBEDDING.has(range)) return { allowed: false, range };
    return range === 'unicast' ? { allowed: true } : { allowed: false, range };
  }
  const range = (parsed as ipaddr.IPv4).range();
  return range === 'unicast' ? { allowed: true } : { allowed: false, range };
}
