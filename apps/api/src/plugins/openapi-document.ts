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
        'An organization API key, as `Authorization: Bearer gw_…`. Only organization routes accept ' +
        'it, and only when the key has the scope listed in the requirement.',
    },
  };
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
