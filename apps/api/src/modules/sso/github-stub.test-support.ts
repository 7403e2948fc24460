import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for GitHub's OAuth 2 web flow and the two REST endpoints the module reads, on
 * 127.0.0.1 (test-only). It answers as github.com and api.github.com do, quirks included: the token
 * endpoint returns errors with HTTP 200, JSON only when asked for it, and /user/emails needs the
 * `user:email` scope. The "browser" picks the account with GitHub's `login` authorize parameter.
 */

export interface StubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}
export interface StubAccount {
  id: number;
  login: string;
  name: string | null;
  emails: StubEmail[];
  /** The person clicks "Cancel" on GitHub's authorize page. */
  denies?: boolean;
}
interface Grant {
  account: StubAccount;
  clientId: string;
  redirectUri: string;
  scope: string;
  challenge: string | null;
}

export interface GithubStub {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Registers an account; its numeric id is assigned here, as GitHub does. */
  addAccount(input: Omit<StubAccount, 'id'>): StubAccount;
  /** Token requests seen (the form fields), to assert on what the app sent. */
  tokenRequests: Record<string, string>[];
  /** The app's GITHUB_* settings pointing at this stub. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startGithubStub(): Promise<GithubStub> {
  const clientId = `Iv1.${randomBytes(8).toString('hex')}`;
  const clientSecret = randomBytes(20).toString('hex');
  const accounts = new Map<string, StubAccount>();
  const codes = new Map<string, Grant>();
  const tokens = new Map<string, Grant>();
  const tokenRequests: Record<string, string>[] = [];
  let nextId = 5_000_000 + Math.floor(Math.random() * 1000);

  function authorize(url: URL, res: ServerResponse) {
    const q = url.searchParams;
    if (q.get('client_id') !== clientId) return json(res, 404, { message: 'Not Found' });
    const redirectUri = q.get('redirect_uri') ?? '';
    const account = accounts.get(q.get('login') ?? '');
    if (!redirectUri || !account) return json(res, 400, { message: 'unknown account or redirect_uri' });
    const back = new URL(redirectUri);
    const state = q.get('state');
    if (account.denies) {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The user has denied your application access.');
      back.searchParams.set('error_uri', 'https://docs.github.com/apps/troubleshooting');
    } else {
      const method = q.get('code_challenge_method');
      if (q.get('code_challenge') && method !== 'S256') return json(res, 400, { message: 'S256 only' });
      const code = randomBytes(10).toString('hex');
      codes.set(code, {
        account,
        clientId,
        redirectUri,
        scope: (q.get('scope') ?? '').split(/[ ,]+/).filter(Boolean).join(','),
        challenge: q.get('code_challenge'),
      });
      back.searchParams.set('code', code);
    }
    if (state) back.searchParams.set('state', state);
    res.writeHead(302, { location: back.toString() });
    res.end();
  }

  async function accessToken(req: IncomingMessage, res: ServerResponse) {
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    tokenRequests.push(form);
    const answer = (body: Record<string, string>) => {
      // GitHub answers form-encoded unless JSON is asked for, and errors come with HTTP 200.
      if ((req.headers.accept ?? '').includes('application/json')) return json(res, 200, body);
      res.writeHead(200, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' });
      res.end(new URLSearchParams(body).toString());
    };
    const fail = (error: string) => answer({ error, error_description: error.replaceAll('_', ' ') });
    if (form.client_id !== clientId || form.client_secret !== clientSecret)
      return fail('incorrect_client_credentials');
    const grant = codes.get(form.code ?? '');
    codes.delete(form.code ?? ''); // single use
    if (!grant || grant.clientId !== form.client_id) return fail('bad_verification_code');
    if (form.redirect_uri && form.redirect_uri !== grant.redirectUri) return fail('redirect_uri_mismatch');
    if (grant.challenge) {
      const verifier = form.code_verifier ?? '';
      const computed = createHash('sha256').update(verifier).digest('base64url');
      if (computed !== grant.challenge) return fail('bad_verification_code');
    }
    const token = `gho_${randomBytes(18).toString('hex')}`;
    tokens.set(token, grant);
    return answer({ access_token: token, token_type: 'bearer', scope: grant.scope });
  }

  function api(req: IncomingMessage, url: URL, res: ServerResponse) {
    const header = req.headers.authorization ?? '';
    const grant = tokens.get(header.replace(/^(Bearer|token) /i, ''));
    if (!grant) return json(res, 401, { message: 'Bad credentials', status: '401' });
    const { account, scope } = grant;
    if (url.pathname === '/user')
      return json(res, 200, { login: account.login, id: account.id, name: account.name, type: 'User' });
    // Without user:email GitHub hides the list (404), so a missing scope cannot pass silently.
    if (!scope.split(',').includes('user:email')) return json(res, 404, { message: 'Not Found' });
    return json(
      res,
      200,
      account.emails.map((e) => ({ ...e, visibility: e.primary ? 'public' : null })),
    );
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /login/oauth/authorize') return authorize(url, res);
    if (route === 'POST /login/oauth/access_token')
      return void accessToken(req, res).catch(() => json(res, 500, {}));
    if (route === 'GET /api/user' || route === 'GET /api/user/emails')
      return api(req, new URL(url.pathname.slice(4), url), res);
    return json(res, 404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    clientId,
    clientSecret,
    tokenRequests,
    addAccount(input) {
      const account = { ...input, id: nextId++ };
      accounts.set(account.login, account);
      return account;
    },
    env: () => ({
      GITHUB_CLIENT_ID: clientId,
      GITHUB_CLIENT_SECRET: clientSecret,
      GITHUB_OAUTH_URL: url,
      // One server stands in for both origins; the API lives under /api like GitHub Enterprise.
      GITHUB_API_URL: `${url}/api`,
    }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** The browser at GitHub's authorize page as `login`: returns where GitHub sends it back. */
export async function githubAuthorize(authorizationUrl: string, login: string): Promise<URL> {
  const url = new URL(authorizationUrl);
  url.searchParams.set('login', login);
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location)
    throw new Error(`GitHub stub answered ${res.status}: ${await res.text()}`);
  return new URL(location);
}
