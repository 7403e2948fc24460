import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { type Cidr, judgeAddress, parseCidrs } from './address';

/**
 * The one outbound guard for webhook URLs, used when an endpoint is registered, for test sends
 * and for every delivery. Registration calls `checkUrl` (a clear refusal for the form); a
 * delivery goes through `guardedAgent`, whose connector resolves the host, judges every address
 * and connects to the one it judged: there is no second DNS lookup a rebinding name could
 * answer differently.
 */
export interface GuardPolicy {
  /** Plain http:// URLs are refused unless this is on (the dev stack's local receiver). */
  allowHttp: boolean;
  /** Subnets allowed despite the address rules (self-hosted receivers on a private network). */
  allowList: readonly Cidr[];
}

export function guardPolicy(opts: { allowHttp?: boolean; allowCidrs?: readonly string[] }): GuardPolicy {
  return { allowHttp: opts.allowHttp ?? false, allowList: parseCidrs(opts.allowCidrs ?? []) };
}

export type RefusalReason =
  | 'invalid_url'
  | 'scheme_not_allowed'
  | 'credentials_in_url'
  | 'unresolvable_host'
  | 'address_not_allowed';

/** Why a URL or address was refused; `detail` is safe to show to the endpoint's owner. */
export class UrlRefusedError extends Error {
  override readonly name = 'UrlRefusedError';
  constructor(
    readonly reason: RefusalReason,
    readonly detail: string,
  ) {
    super(`Webhook URL refused (${reason}): ${detail}`);
  }
}

type Resolver = (host: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

/** The URL's shape alone: scheme, credentials. Throws UrlRefusedError. */
export function checkUrlShape(raw: string, policy: GuardPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlRefusedError('invalid_url', 'not an absolute URL');
  }
  const schemes = policy.allowHttp ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) {
    throw new UrlRefusedError('scheme_not_allowed', `${url.protocol.slice(0, -1)} is not allowed; use https`);
  }
  if (url.username || url.password) {
    throw new UrlRefusedError('credentials_in_url', 'the URL must not carry a user name or password');
  }
  return url;
}

/** A URL's hostname as the resolver wants it: IPv6 literals lose their brackets. */
const bareHost = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Resolves `host` and judges every address it has; one refused address refuses the host (a name
 * with a public and a private address could otherwise be steered to the private one).
 */
export async function resolveAllowed(
  host: string,
  policy: GuardPolicy,
  resolve: Resolver = systemResolver,
): Promise<LookupAddress[]> {
  const bare = bareHost(host);
  let addresses: LookupAddress[];
  if (isIP(bare)) {
    addresses = [{ address: bare, family: isIP(bare) }];
  } else {
    try {
      addresses = await resolve(bare);
    } catch {
      throw new UrlRefusedError('unresolvable_host', `${bare} does not resolve`);
    }
  }
  if (addresses.length === 0) throw new UrlRefusedError('unresolvable_host', `${bare} does not resolve`);
  for (const { address } of addresses) {
    const verdict = judgeAddress(address, policy.allowList);
    if (!verdict.allowed) {
      throw new UrlRefusedError(
        'address_not_allowed',
        `${bare} resolves to ${address}, a ${verdict.range} address`,
      );
    }
  }
  return addresses;
}

/** Registration-time check: the URL's shape and every address its host resolves to now. */
export async function checkUrl(raw: string, policy: GuardPolicy, resolve?: Resolver): Promise<URL> {
  const url = checkUrlShape(raw, policy);
  await resolveAllowed(url.hostname, policy, resolve);
  return url;
}

/**
 * An undici dispatcher whose every connection goes through the guard: the connector resolves
 * the host and judges every address (IP literals included), then opens the socket to the judged
 * address while TLS still verifies the certificate against the original host name. Redirects
 * are never followed (undici's request does not follow them unless asked).
 */
export function guardedAgent(
  policy: GuardPolicy,
  opts: { connectTimeoutMs: number; resolve?: Resolver } & Pick<Agent.Options, 'connections'>,
): Dispatcher {
  const resolve = opts.resolve ?? systemResolver;
  const connectTo = buildConnector({ timeout: opts.connectTimeoutMs });
  const connect: buildConnector.connector = (options, callback) => {
    resolveAllowed(options.hostname, policy, resolve).then(
      ([first]) => {
        // `host` keeps the name, so the connector derives SNI and certificate checks from it.
        connectTo({ ...options, hostname: first?.address ?? '' }, callback);
      },
      (error: Error) => callback(error, null),
    );
  };
  return new Agent({ connections: opts.connections ?? null, connect });
}
