import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';
import { DevstackError, type RunningService } from './types';

/** The API's client at the local provider. Local-only credentials, so fixed values are fine. */
export const DEV_OIDC_CLIENT_ID = 'groundwork-dev';
export const DEV_OIDC_CLIENT_SECRET = 'groundwork-dev-secret-not-for-production';
/** The demo account: sign in with this login and any password. */
export const DEV_OIDC_DEMO_LOGIN = 'sso@groundwork.local';

export interface OidcProviderOptions {
  /** 0 = any free port. */
  port: number;
  /** Client credentials to register (defaults: the dev client above). */
  clientId?: string;
  clientSecret?: string;
  /** Exact redirect URIs to register; any http loopback URI is accepted as well (dev only). */
  redirectUris?: string[];
  /** Skip the consent screen for the registered client (default true: it is first-party). */
  autoConsent?: boolean;
  log?: (line: string) => void;
}

export interface RunningOidcProvider extends RunningService {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopbackHttp(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK.has(url.hostname);
  } catch {
    return false;
  }
}

/**
 * Claims of a dev-provider account. Whatever is typed as the login becomes the subject, so tests
 * and people can be anyone: a login that looks like an email is that email, verified — except
 * logins starting with `unverified`, whose email comes back with email_verified=false (to
 * exercise the "unverified email never links" rule).
 */
export function devAccountClaims(login: string): Record<string, unknown> {
  const email = login.includes('@') ? login.toLowerCase() : `${login.toLowerCase()}@sso.groundwork.local`;
  const local = email.split('@')[0] ?? login;
  return {
    sub: login,
    email,
    email_verified: !local.startsWith('unverified'),
    name: local.replace(/[._-]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()),
  };
}

/**
 * A real, certified OpenID Provider (`oidc-provider`) on 127.0.0.1 for local development and
 * tests. Its development interactions show a plain sign-in form that accepts any login and any
 * password (see devAccountClaims); consent is skipped for the registered first-party client.
 * State lives in memory: restarting the provider signs everyone out of it, nothing else.
 */
export async function startOidcProvider(opts: OidcProviderOptions): Promise<RunningOidcProvider> {
  const log = opts.log ?? (() => {});
  const clientId = opts.clientId ?? DEV_OIDC_CLIENT_ID;
  const clientSecret = opts.clientSecret ?? DEV_OIDC_CLIENT_SECRET;
  const autoConsent = opts.autoConsent ?? true;

  // The issuer contains the port, so the port is bound before the provider is built.
  const server: Server = createServer();
  const port = await new Promise<number>((resolve, reject) => {
    const onError = (cause: Error) =>
      reject(
        new DevstackError(`OIDC provider could not listen on 127.0.0.1:${opts.port}: ${cause.message}`, {
          cause,
        }),
      );
    server.once('error', onError);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
  const issuer = `http://127.0.0.1:${port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris?.length
          ? opts.redirectUris
          : ['http://localhost:3000/api/v1/auth/sso/dev/callback'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      return { accountId: id, claims: async () => devAccountClaims(id) as { sub: string } };
    },
    ...(autoConsent
      ? {
          // First-party client: grant what it asks for instead of showing a consent page.
          async loadExistingGrant(ctx) {
            const session = ctx.oidc.session;
            const client = ctx.oidc.client;
            if (!session?.accountId || !client) return undefined;
            const grantId = session.grantIdFor(client.clientId);
            const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
            if (existing) return existing;
            const grant = new ctx.oidc.provider.Grant({
              accountId: session.accountId,
              clientId: client.clientId,
            });
            grant.addOIDCScope('openid email profile');
            grant.addOIDCClaims(['email', 'email_verified', 'name']);
            await grant.save();
            return grant;
          },
        }
      : {}),
  };

  let provider: Provider;
  try {
    provider = new Provider(issuer, configuration);
  } catch (cause) {
    server.close();
    throw new DevstackError(`OIDC provider failed to start: ${String(cause)}`, { cause });
  }
  // Dev only: any loopback redirect URI is accepted, so the web app may run on whichever port
  // `pnpm dev` picked (and tests on theirs) without re-registering the client.
  const allowRegistered = provider.Client.prototype.redirectUriAllowed;
  provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value: string) {
    return allowRegistered.call(this, value) || isLoopbackHttp(value);
  };
  provider.on('server_error', (_ctx, error) => log(`oidc: server error: ${error.message}`));
  server.on('request', provider.callback());

  return {
    name: 'oidc',
    url: issuer,
    issuer,
    clientId,
    clientSecret,
    env: {
      OIDC_ISSUER_URL: issuer,
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
