/**
 * Parses TRUST_PROXY into Fastify's `trustProxy` option. Trusting a proxy makes `req.ip` come from
 * X-Forwarded-For, so rate limits are keyed on it; a spoofed header must never count unless the
 * hop that sent it is trusted by configuration (QUALITY.md).
 */
export type TrustProxy = boolean | number | string[];

export function parseTrustProxy(raw: string): TrustProxy {
  const value = raw.trim().toLowerCase();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of list) {
    // Addresses/CIDRs or Fastify's named ranges; anything else is a typo we refuse to guess at.
    if (
      !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(entry) &&
      !['loopback', 'linklocal', 'uniquelocal'].includes(entry)
    ) {
      throw new Error(`TRUST_PROXY: "${entry}" is not an IP address, CIDR range or named range`);
    }
  }
  return list;
}
