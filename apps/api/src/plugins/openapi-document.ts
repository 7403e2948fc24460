import { apiKeyScopeFor, authCookieName, isOrgPermission } from '@repo/contracts';
import { z } from 'zod';
import type { RouteAccess } from './access';

/**
 * How the OpenAPI document is derived from the routes (ADR 0027). Everything here is computed
 * from what the routes already declare (`config.access`, their Zod schemas, their URLs), in one
 * place, so the document cannot drift from the behaviour route by route.
 */

/** Security scheme names in `components.securitySchemes`. */
export const SECURITY_SCHEMES = {
  cookie: 'sessionCookie',
  bearer: 'accessToken',
  apiKey: 'organizationApiKey',
} as const;

export function securitySchemes(cookieSecure: boolean) {
  return {
    [SECURITY_SCHEMES.cookie]: {
      type: 'apiKey' as const,
      in: 'cookie' as const,
      name: authCookieName('access', cookieSecure),
      description:
        'The browser session: the httpOnly access cookie set by sign-in. Unsafe methods also need ' +
        'the CSRF protection described in docs/architecture.md.',
    },
    [SECURITY_SCHEMES.bearer]: {
      type: 'http' as const,
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'The access token of a session, as `Authorization: Bearer <jwt>`.',
    },
    [SECURITY_SCHEMES.apiKey]: {
      type: 'http' as const,
      scheme: 'bearer',
      description:
        'An organization API key, as `Authorization: Bearer gwk_…`. Only organization routes accept ' +
        'it, and only when the key has the scope listed in the requirement.',
    },
  };
}

export interface ServerContext {
  /** How the request reached the API: protocol and host as Fastify resolved them (TRUST_PROXY). */
  protocol: string;
  host: string;
  /** `X-Forwarded-Prefix` from a trusted hop (the web gateway sends `/api`), else undefined. */
  forwardedPrefix: string | undefined;
  /** APP_URL: the web app, whose `/api` gateway is the public way in. */
  appUrl: string;
}

/** A path prefix we repeat into the document: plain segments only, never a scheme or a host. */
const PREFIX = /^(\/[A-Za-z0-9._~-]+)+$/;

/**
 * The document's `servers`: first the base URL the document was fetched through (behind the web
 * gateway that is `<app>/api`, read directly it is the API's own address), then the public
 * gateway from configuration when that is another one. A relative `/` would be wrong behind the
 * gateway, where the operations live under `/api`.
 */
export function documentServers(ctx: ServerContext): { url: string; description: string }[] {
  const prefix = ctx.forwardedPrefix && PREFIX.test(ctx.forwardedPrefix) ? ctx.forwardedPrefix : '';
  const here = `${ctx.protocol}://${ctx.host}${prefix}`;
  const gateway = `${new URL(ctx.appUrl).origin}/api`;
  return here === gateway
    ? [{ url: gateway, description: 'The public API, through the web app' }]
    : [
        { url: here, description: 'The server this document was read from' },
        { url: gateway, description: 'The public API, through the web app' },
      ];
}

export type SecurityRequirement = Record<string, string[]>;

/**
 * The credentials an operation accepts, from its access declaration (plugins/access.ts): none for
 * public routes; the session (cookie or bearer token) for signed-in and global-permission routes;
 * for organization routes also an API key holding the scope the permission maps to, if any.
 */
export function securityFor(access: RouteAccess): SecurityRequirement[] {
  if (access === 'public') return [];
  const session: SecurityRequirement[] = [
    { [SECURITY_SCHEMES.cookie]: [] },
    { [SECURITY_SCHEMES.bearer]: [] },
  ];
  if (access === 'authenticated' || !isOrgPermission(access.permission)) return session;
  const scope = apiKeyScopeFor[access.permission];
  return scope ? [...session, { [SECURITY_SCHEMES.apiKey]: [scope] }] : session;
}

const NAMED_KINDS = new Set(['object', 'enum', 'union']);

/**
 * Names every exported @repo/contracts schema (objects, enums, unions) after its export, in Zod's
 * global registry, so the document gets `components.schemas` and `$ref`s instead of inlining
 * them at every use. Idempotent (tests build many apps in one process); an export the registry
 * already knows under another name keeps its first name.
 */
export function registerContractSchemas(exports: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(exports)) {
    if (!/^[A-Z]/.test(name) || !(value instanceof z.ZodType)) continue;
    if (!NAMED_KINDS.has(value._zod.def.type)) continue;
    const meta = z.globalRegistry.get(value);
    // `OrgRoleSchema` (the schema of the `OrgRole` type) is named `OrgRole`.
    const id = name.endsWith('Schema') && !(name.slice(0, -6) in exports) ? name.slice(0, -6) : name;
    if (meta?.id !== undefined || z.globalRegistry._idmap.has(id)) continue;
    z.globalRegistry.add(value, { ...meta, id });
  }
}

type OverrideContext = Parameters<
  NonNullable<NonNullable<Parameters<typeof z.toJSONSchema>[1]>['override']>
>[0];

/**
 * JSON Schema overrides: `z.iso.datetime()` is `type: string, format: date-time` (and
 * `z.iso.date()` `format: date`) without the 300-character pattern Zod adds; the rest is fastify-type-provider-zod's own override for
 * OpenAPI 3.1 (empty union branches dropped, `z.date()` and `z.undefined()`), which a custom
 * override replaces.
 */
export function jsonSchemaOverride(ctx: OverrideContext): void {
  const def = ctx.zodSchema._zod.def as { type: string; format?: string };
  const json = ctx.jsonSchema as Record<string, unknown>;
  if (def.type === 'union' && Array.isArray(json.anyOf))
    json.anyOf = json.anyOf.filter((branch) => Object.keys(branch as object).length > 0);
  if (def.type === 'string' && (def.format === 'datetime' || def.format === 'date')) delete json.pattern;
  // Only responses carry dates (serialized as ISO strings); requests take strings.
  if (def.type === 'date') Object.assign(json, { type: 'string', format: 'date-time' });
  if (def.type === 'undefined') json.type = 'null';
}

// ---------------------------------------------------------------------------------------------
// The finished document: shared schemas pruned to what is used, error responses as they are
// sent, operation ids, descriptions.
// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;
type Operation = Json & { responses?: Record<string, Json>; requestBody?: unknown; summary?: string };

const SCHEMA_REF = '#/components/schemas/';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function walkRefs(value: unknown, visit: (ref: string) => void): void {
  if (Array.isArray(value)) for (const v of value) walkRefs(v, visit);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') visit(v);
      else walkRefs(v, visit);
    }
  }
}

function renameRefs(value: unknown, renames: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => renameRefs(v, renames));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      key === '$ref' && typeof v === 'string' && renames.has(v) ? renames.get(v) : renameRefs(v, renames),
    ]),
  );
}

/**
 * The type provider emits every named schema twice (`X` for responses, `XInput` for requests).
 * Keep the ones the operations reach; `XInput` becomes `X` when only it is used, or when both are
 * used and identical.
 */
export function pruneSchemas(doc: Json): Json {
  const components = (doc.components ?? {}) as Json;
  const schemas = (components.schemas ?? {}) as Record<string, unknown>;
  const used = new Set<string>();
  const reach = (value: unknown) =>
    walkRefs(value, (ref) => {
      if (!ref.startsWith(SCHEMA_REF)) return;
      const name = ref.slice(SCHEMA_REF.length);
      if (used.has(name)) return;
      used.add(name);
      reach(schemas[name]);
    });
  reach(doc.paths);
  reach(components.responses);
  const renames = new Map<string, string>();
  for (const name of used) {
    if (!name.endsWith('Input')) continue;
    const base = name.slice(0, -'Input'.length);
    if (!used.has(base) || JSON.stringify(schemas[base]) === JSON.stringify(schemas[name]))
      renames.set(SCHEMA_REF + name, SCHEMA_REF + base);
  }
  const kept: Record<string, unknown> = {};
  for (const name of [...used].sort()) {
    const target = renames.get(SCHEMA_REF + name)?.slice(SCHEMA_REF.length) ?? name;
    kept[target] = schemas[name];
  }
  return renameRefs({ ...doc, components: { ...components, schemas: kept } }, renames) as Json;
}

export function* operations(doc: Json): Generator<[string, string, Operation]> {
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>))
    for (const method of METHODS) if (item[method]) yield [path, method, item[method] as Operation];
}

const PROBLEM_REF = `${SCHEMA_REF}Problem`;

/** One shared `components.responses` entry per error status, named after its reason phrase. */
const ERROR_RESPONSES: Record<string, string> = {
  '400': 'BadRequest',
  '401': 'Unauthorized',
  '403': 'Forbidden',
  '404': 'NotFound',
  '405': 'MethodNotAllowed',
  '409': 'Conflict',
  '413': 'PayloadTooLarge',
  '415': 'UnsupportedMediaType',
  '422': 'UnprocessableContent',
  '423': 'Locked',
  '429': 'TooManyRequests',
  '500': 'InternalError',
  '503': 'ServiceUnavailable',
};

function errorResponses(codes: Record<string, number>) {
  const responses: Record<string, Json> = {};
  for (const [status, name] of Object.entries(ERROR_RESPONSES)) {
    const list = Object.entries(codes)
      .filter(([, s]) => String(s) === status)
      .map(([code]) => `\`${code}\``);
    responses[name] = {
      description: `${name.replace(/([a-z])([A-Z])/g, '$1 $2')}: a problem+json body; \`code\` is one of ${list.join(', ')}.`,
      content: { 'application/problem+json': { schema: { $ref: PROBLEM_REF } } },
      ...(status === '429'
        ? {
            headers: {
              'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
            },
          }
        : {}),
    };
  }
  return responses;
}

const SUCCESS_DESCRIPTIONS: Record<string, string> = {
  '201': 'Created',
  '202': 'Accepted',
  '204': 'Done; no content',
  '302': 'A browser redirect (`Location`)',
  '303': 'A browser redirect (`Location`)',
};

/**
 * Operation ids from the URL: the static segments after `/v1`, camelCased and dotted, then a verb
 * from the method — `get` (or `list` for a collection: a path with items under it or a POST
 * beside it), `create` (POST on a collection), `update` (PATCH), `replace` (PUT), `delete`; a POST
 * on a static segment names the action itself (`auth.signIn`, `orgs.apiKeys.rotate`).
 */
export function operationIdFor(method: string, path: string, allPaths: Record<string, Json>): string {
  const segments = path.split('/').filter((s) => s && s !== 'v1');
  const words = segments
    .filter((s) => !s.startsWith('{'))
    .map((s) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()));
  const endsWithParam = segments.at(-1)?.startsWith('{') ?? false;
  const isCollection =
    Object.keys(allPaths).some(
      (p) => p.startsWith(`${path}/{`) && p.slice(path.length + 1).indexOf('/') === -1,
    ) || Boolean(allPaths[path]?.post);
  let verb: string | null;
  switch (method) {
    case 'get':
      verb = !endsWithParam && isCollection ? 'list' : 'get';
      break;
    case 'post':
      verb = !endsWithParam && allPaths[path]?.get ? 'create' : endsWithParam ? 'create' : null;
      break;
    case 'patch':
      verb = 'update';
      break;
    case 'put':
      verb = 'replace';
      break;
    default:
      verb = method;
  }
  const id = [...words, ...(verb ? [verb] : [])].join('.');
  return OPERATION_ID_OVERRIDES[id] ?? id;
}

/** Where the rule reads badly. */
const OPERATION_ID_OVERRIDES: Record<string, string> = {
  waitlist: 'waitlist.join',
  'me.password': 'me.password.change',
  'me.email': 'me.email.change',
  'auth.twoFactor': 'auth.twoFactor.verify',
  'auth.sso.providers.get': 'auth.sso.providers.list',
  'auth.sso.start.get': 'auth.sso.start',
  'auth.sso.callback.get': 'auth.sso.callback',
  'me.activeOrganization.replace': 'me.activeOrganization.set',
  'me.twoFactor.backupCodes': 'me.twoFactor.backupCodes.regenerate',
  'admin.queues.get': 'admin.queues.list',
  'admin.queues.schedulers.get': 'admin.queues.schedulers.list',
  'admin.auditLogs.export.get': 'admin.auditLogs.export',
  'admin.users.impersonation': 'admin.users.impersonate',
};

export const TAGS = [
  { name: 'health', description: 'Liveness and readiness probes for orchestrators.' },
  { name: 'meta', description: 'What is running: name and versions.' },
  { name: 'waitlist', description: 'Joining the waitlist before sign-up opens.' },
  { name: 'auth', description: 'Sign-up, sign-in, tokens, email verification, password reset, SSO.' },
  { name: 'account', description: 'The signed-in user: profile, password, email, security activity.' },
  { name: 'me', description: 'The signed-in user’s connected sign-in providers.' },
  {
    name: 'profile',
    description: 'Per-user settings computed for the signed-in user, such as feature flags.',
  },
  { name: 'sessions', description: 'The signed-in user’s sessions on other devices.' },
  { name: 'two-factor', description: 'Two-factor authentication: enrolment, backup codes, trusted devices.' },
  { name: 'organizations', description: 'Organizations, their members and invitations.' },
  { name: 'api-keys', description: 'Organization API keys: creation, rotation, revocation, usage.' },
  {
    name: 'webhooks',
    description: 'Outbound webhooks: the event catalog, endpoints, signing secrets, the delivery log.',
  },
  {
    name: 'files',
    description:
      'Files: direct-to-storage uploads (presigned POST, multipart), the library, avatars and logos.',
  },
  { name: 'admin', description: 'The admin dashboard: users, organizations, audit log, jobs, flags.' },
];

export interface FinishOptions {
  /** The error catalog (@repo/contracts ErrorCode): code → status. */
  errorCodes: Record<string, number>;
}

/** Error responses as sent (problem+json, shared per status), ids, descriptions, pruning. */
export function finishDocument(input: Json, { errorCodes }: FinishOptions): Json {
  const doc = structuredClone(input);
  const paths = (doc.paths ?? {}) as Record<string, Json>;
  const responsesUsed = new Set<string>();
  for (const [path, method, operation] of operations(doc)) {
    operation.operationId = operationIdFor(method, path, paths);
    const responses = operation.responses ?? {};
    for (const [status, response] of Object.entries(responses)) {
      const name = ERROR_RESPONSES[status];
      const schema = (response.content as Record<string, { schema?: Json }> | undefined)?.['application/json']
        ?.schema;
      // A Problem answer (readiness's 503 answers with its own report instead).
      if (name && schema?.$ref === PROBLEM_REF) {
        // Only bodies can be too large or of the wrong type.
        if ((status === '413' || status === '415') && !operation.requestBody) {
          delete responses[status];
          continue;
        }
        responses[status] = { $ref: `#/components/responses/${name}` };
        responsesUsed.add(name);
      } else if (response.description === 'Default Response') {
        response.description =
          SUCCESS_DESCRIPTIONS[status] ??
          (Number(status) >= 400 ? 'Not ready' : method === 'get' ? (operation.summary ?? 'OK') : 'Done');
      }
    }
  }
  const components = (doc.components ?? {}) as Json;
  const all = errorResponses(errorCodes);
  components.responses = Object.fromEntries(Object.entries(all).filter(([name]) => responsesUsed.has(name)));
  doc.components = components;
  // A tag without an entry in TAGS (e.g. a feature fresh from `pnpm gen feature`) is still
  // declared, so the document stays lint-clean until someone writes its description.
  const used = new Set([...operations(doc)].flatMap(([, , operation]) => (operation.tags ?? []) as string[]));
  doc.tags = [
    ...TAGS.filter((tag) => used.has(tag.name)),
    ...[...used]
      .filter((name) => !TAGS.some((tag) => tag.name === name))
      .map((name) => ({ name, description: `The ${name} operations.` })),
  ];
  const finished = pruneSchemas(doc);
  const problem = ((finished.components as Json).schemas as Record<string, Json>).Problem;
  if (problem) {
    (problem.properties as Json).code = {
      type: 'string',
      enum: Object.keys(errorCodes),
      description: 'Stable machine-readable error code; new codes may be added.',
    };
  }
  return finished;
}
