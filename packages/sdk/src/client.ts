import createFetchClient, { type Client, type FetchOptions, type FetchResponse } from 'openapi-fetch';
import type { HttpMethod, MediaType, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import { type AuthOption, authFetch, Credentials, type RefreshOption, type TokenPair } from './auth';
import { type ApiError, toApiError } from './errors';
import type { components, paths } from './generated/schema';

export interface ClientOptions {
  /**
   * Where the API is: the web app's gateway (`https://app.example.com/api`) or the API itself
   * (`http://localhost:4000`). Paths in calls start at `/v1/…`.
   */
  baseUrl: string;
  auth?: AuthOption;
  /** Refresh the session on a 401 and replay the request once (sessions only, not API keys). */
  refresh?: RefreshOption;
  /** Headers sent with every request (e.g. `accept-language`). */
  headers?: Record<string, string>;
  /** Your own fetch (tests, instrumentation); the global one by default. */
  fetch?: (request: Request) => Promise<Response>;
}

type Operation<Path extends keyof paths, Method extends HttpMethod> = paths[Path][Method &
  keyof paths[Path]] &
  Record<string | number, unknown>;
type RequestOptionsOf<Path extends keyof paths, Method extends HttpMethod> = FetchOptions<
  Operation<Path, Method>
>;
/** The success body of a call; `undefined` for an answer without one (204). */
export type ResponseData<Path extends keyof paths, Method extends HttpMethod> = BodyOf<
  Extract<
    FetchResponse<Operation<Path, Method>, RequestOptionsOf<Path, Method>, MediaType>,
    { error?: never }
  >['data']
>;
type BodyOf<Data> = [NonNullable<Data>] extends [never] ? undefined : NonNullable<Data>;
type Args<Path extends keyof paths, Method extends HttpMethod> =
  RequiredKeysOf<RequestOptionsOf<Path, Method>> extends never
    ? [init?: RequestOptionsOf<Path, Method>]
    : [init: RequestOptionsOf<Path, Method>];

/** A typed call: resolves with the success body, rejects with an `ApiError` (a `GroundworkApiError`). */
export type CallMethod<Method extends HttpMethod> = <Path extends PathsWithMethod<paths, Method>>(
  path: Path,
  ...init: Args<Path, Method>
) => Promise<ResponseData<Path, Method>>;

export type SignInResult =
  | components['schemas']['SignInResponse']
  | components['schemas']['TwoFactorRequired'];

export interface GroundworkClient {
  GET: CallMethod<'get'>;
  POST: CallMethod<'post'>;
  PUT: CallMethod<'put'>;
  PATCH: CallMethod<'patch'>;
  DELETE: CallMethod<'delete'>;
  /** The underlying openapi-fetch client: `{ data, error, response }` instead of throwing. */
  raw: Client<paths>;
  /**
   * Signs in with email and password and switches this client to the session's tokens (bearer,
   * refreshed automatically). Resolves with the API's answer, which may ask for a second factor
   * (`'twoFactorRequired' in result`), in which case the client is unchanged.
   */
  signIn(body: { email: string; password: string }): Promise<SignInResult>;
  /** Uses these tokens from now on (e.g. a pair stored from an earlier session). */
  setTokens(tokens: TokenPair): void;
  /** The session's current tokens, if this client holds a bearer session. */
  tokens(): { accessToken?: string; refreshToken?: string };
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** A typed client of the Groundwork API. */
export function createClient(options: ClientOptions): GroundworkClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const credentials = new Credentials(options.auth, options.refresh);
  const raw = createFetchClient<paths>({
    baseUrl,
    headers: options.headers,
    fetch: authFetch({
      baseUrl,
      credentials,
      refresh: options.refresh,
      fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    }),
  });

  const call =
    (method: (typeof METHODS)[number]) =>
    async (path: string, init?: Record<string, unknown>): Promise<unknown> => {
      const send = raw[method] as (
        path: string,
        init?: unknown,
      ) => Promise<FetchResponse<never, never, never>>;
      const { data, error, response } = (await send(path, init)) as {
        data?: unknown;
        error?: unknown;
        response: Response;
      };
      if (!response.ok) throw toApiError(error, response) satisfies ApiError;
      return data;
    };

  const client = {
    GET: call('GET'),
    POST: call('POST'),
    PUT: call('PUT'),
    PATCH: call('PATCH'),
    DELETE: call('DELETE'),
    raw,
    async signIn(body: { email: string; password: string }) {
      const result = (await client.POST('/v1/auth/sign-in', {
        body: { ...body, tokenDelivery: 'body' },
      })) as SignInResult;
      if ('tokens' in result && result.tokens) credentials.use(result.tokens);
      return result;
    },
    setTokens(tokens: TokenPair) {
      credentials.use(tokens);
    },
    tokens() {
      return { accessToken: credentials.accessToken, refreshToken: credentials.refreshToken };
    },
  } as GroundworkClient;
  return client;
}
