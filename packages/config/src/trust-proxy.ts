/**
 * TRUST_PROXY (API) and WEB_TRUST_PROXY (web): which hops in front of a process may say who the
 * client is through X-Forwarded-For. Both processes read the same grammar, and the web resolves
 * it with the library Fastify uses (@fastify/proxy-addr), so one value means the same thing at
 * either hop. A spoofed header must never count unless the hop that sent it is trusted.
 */
export type TrustProxy = boolean | number | string[];

const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

export function parseTrustProxy(raw: string, name = 'TRUST_PROXY'): TrustProxy {
  const value = raw.trim().toLowerCase();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of list) {
    // Addresses/CIDRs or the named ranges; anything else is a typo we refuse to guess at.
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(entry) && !NAMED_RANGES.includes(entry)) {
      throw new Error(`${name}: "${entry}" is not an IP address, CIDR range or named range`);
    }
  }
  return list;
}
