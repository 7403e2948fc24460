import { isIPv4, isIPv6 } from 'node:net';

/**
 * The address a per-IP limit is keyed on. IPv4 as is (IPv4-mapped IPv6 unwrapped); IPv6 by its
 * /64 prefix, because one subscriber is routinely handed a whole /64 and could otherwise rotate
 * through 2^64 addresses to reset every counter.
 */
export function ipKey(ip: string): string {
  const bare = ip.trim().replace(/%.*$/, ''); // zone id (fe80::1%eth0)
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(bare)) return bare;
  if (!isIPv6(bare)) return bare.slice(0, 64) || 'unknown';
  return `${expandIPv6(bare).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(ip: string): string[] {
  let text = ip.toLowerCase();
  // Trailing dotted quad (::ffff:1.2.3.4, 64:ff9b::1.2.3.4): rewrite it as two hex groups.
  const quad = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((g) => g.padStart(4, '0'));
}
