import type { components } from './generated/schema';

export type TokenPair = components['schemas']['TokenPair'];

/**
 * How requests authenticate:
 * - `bearer`: a session's access token (from sign-in with `tokenDelivery: 'body'`);
 * - `apiKey`: an organization API key (`gwk_…`; organization routes, within its scopes);
 * - `cookie`: the browser session cookies (same origin, e.g. the web app's `/api`): requests
 *   carry credentials and the browser's fetch metadata satisfies the API's CSRF check.
 */
export type AuthOption = { bearer: string } | { apiKey: string } | { cookie: true };

/**
 * Refreshing an expired session on a 401: with a refresh token (bearer sessions), the new pair
 * replaces the old one (the API rotates refresh tokens, so the old one is spent) and
 * `onTokens` lets you store it; with cookies, `{}` — the browser sends and receives the cookie.
 */
export type RefreshOption = {
  refreshToken?: string;
  onTokens?: (tokens: TokenPair) => void | Promise<void>;
};

/** Mutable credentials of one client: sign-in and refresh change them. */
export class Credentials {
  accessToken: string | undefined;
  apiKey: string | undefined;
  cookie: boolean;
  refreshToken: string | undefined;

  constructor(auth: AuthOption | undefined, refresh: RefreshOption | undefined) {
    this.accessToken = auth && 'bearer' in auth ? auth.bearer : undefined;
    this.apiKey = auth && 'apiKey' in auth ? auth.apiKey : undefined;
    this.cookie = Boolean(auth && 'cookie' in auth);
    this.refreshToken = refresh?.refreshToken;
  }

  /** The Authorization header value, if any. */
  authorization(): string | undefined {
    const token = this.accessToken ?? this.apiKey;
    return token ? `Bearer ${token}` : undefined;
  }

  use(tokens: TokenPair): void {
    this.accessToken = tokens.accessToken;
    this.refreshToken = tokens.refreshToken;
    this.apiKey = undefined;
  }

  /** A refresh can help: a session (not an API key) that has a way to renew itself. */
  canRefresh(): boolean {
    return this.apiKey === undefined && (this.refreshToken !== undefined || this.cookie);
  }
}

const REFRESH_PATH = '/v1/auth/refresh';
/** Answers whose 401 is about the credentials sent, not an expired session. */
const NO_REFRESH = ['/v1/auth/sign-in', REFRESH_PATH, '/v1/auth/sign-out', '/v1/auth/two-factor'];

export interface AuthFetchOptions {
  baseUrl: string;
  credentials: Credentials;
  refresh: RefreshOption | undefined;
  fetch: (request: Request) => Promise<Response>;
}

/**
 * The `fetch` the typed client sends through: adds the credentials, and on a 401 refreshes the
 * session once (concurrent 401s share one refresh) and replays the request with the new token.
 */
export function authFetch({ baseUrl, credentials, refresh, fetch }: AuthFetchOptions) {
  let refreshing: Promise<boolean> | undefined;

  async function doRefresh(): Promise<boolean> {
    const body = credentials.refreshToken
      ? { refreshToken: credentials.refreshToken, tokenDelivery: 'body' }
      : { tokenDelivery: 'cookie' };
    const response = await fetch(
      new Request(`${baseUrl}${REFRESH_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        credentials: credentials.cookie ? 'include' : 'same-origin',
      }),
    );
    if (!response.ok) return false;
    const json = (await response.json()) as { tokens?: TokenPair };
    if (json.tokens) {
      credentials.use(json.tokens);
      await refresh?.onTokens?.(json.tokens);
    }
    return true;
  }

  function withAuth(request: Request): Request {
    const next = new Request(request, credentials.cookie ? { credentials: 'include' } : {});
    const authorization = credentials.authorization();
    if (authorization && !next.headers.has('authorization')) next.headers.set('authorization', authorization);
    return next;
  }

  return async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    const explicit = request.headers.has('authorization');
    const retryable =
      refresh !== undefined &&
      !explicit &&
      !NO_REFRESH.some((p) => path.endsWith(p)) &&
      credentials.canRefresh();
    // Kept for the replay: a body can be read once.
    const spare = retryable ? request.clone() : undefined;
    const response = await fetch(withAuth(request));
    if (response.status !== 401 || !spare) return response;
    refreshing ??= doRefresh().finally(() => {
      refreshing = undefined;
    });
    if (!(await refreshing.catch(() => false))) return response;
    return fetch(withAuth(spare));
  };
}
