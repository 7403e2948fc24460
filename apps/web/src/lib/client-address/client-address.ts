import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import { parseTrustProxy } from '@repo/config/trust-proxy';
import ipaddr from 'ipaddr.js';
import { PEER_HEADER, peerAddress } from './front-door';

type Trust = (address: string, hop: number) => boolean;

const compiled = new Map<string, Trust>();

/** WEB_TRUST_PROXY as a predicate, with Fastify's meaning of each form (hop 0 is the peer). */
export function compileTrust(raw: string): Trust {
  let trust = compiled.get(raw);
  if (!trust) {
    const parsed = parseTrustProxy(raw, 'WEB_TRUST_PROXY');
    if (parsed === true) trust = () => true;
    else if (parsed === false) trust = () => false;
    else if (typeof parsed === 'number') trust = (_address, hop) => hop < parsed;
    else trust = proxyAddr.compile(parsed);
    compiled.set(raw, trust);
  }
  return trust;
}

/**
 * The browser's address as this web server sees it: the TCP peer, or, when the peer is a proxy
 * trusted by WEB_TRUST_PROXY (a load balancer), the address that proxy put in X-Forwarded-For,
 * walking back through trusted hops only. Null when the peer is unknown (a request the front
 * door did not stamp, see front-door.ts).
 */
export function clientAddress(headers: Headers, trustProxy: string): string | null {
  const peer = peerAddress(headers);
  if (!peer) return null;
  const forwarded = headers.get('x-forwarded-for');
  const req = { headers: forwarded ? { 'x-forwarded-for': forwarded } : {}, socket: { remoteAddress: peer } };
  const address = proxyAddr(req as unknown as IncomingMessage, compileTrust(trustProxy));
  // A dual-stack listener sees IPv4 clients as `::ffff:a.b.c.d`; store and show them as IPv4.
  return ipaddr.isValid(address) ? ipaddr.process(address).toString() : address;
}

/** Headers by which a client could claim an address; none of them is passed on as sent. */
const ADDRESS_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded', PEER_HEADER];

/**
 * Sets the client address on a request to the API: X-Forwarded-For is overwritten with the one
 * address resolved here, never appended to, so the API (which trusts this hop through its own
 * TRUST_PROXY) sees what this server decided and nothing the browser wrote.
 */
export function setForwardedFor(outgoing: Headers, incoming: Headers, trustProxy: string): void {
  for (const name of ADDRESS_HEADERS) outgoing.delete(name);
  const address = clientAddress(incoming, trustProxy);
  if (address) outgoing.set('x-forwarded-for', address);
}
