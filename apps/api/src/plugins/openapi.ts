import { createHash } from 'node:crypto';
import proxyAddr from '@fastify/proxy-addr';
import swagger, { type SwaggerTransform } from '@fastify/swagger';
import type { TrustProxy } from '@repo/config';
import * as contracts from '@repo/contracts';
import { ErrorCode } from '@repo/contracts';
import scalar from '@scalar/fastify-api-reference';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteAccess } from './access';
import {
  documentServers,
  finishDocument,
  jsonSchemaOverride,
  registerContractSchemas,
  securityFor,
  securitySchemes,
} from './openapi-document';
import { webhooksSection } from './openapi-webhooks';

registerContractSchemas(contracts);
const zodToJsonConfig = { override: jsonSchemaOverride };
const jsonSchemaTransform = createJsonSchemaTransform({ zodToJsonConfig });
const jsonSchemaTransformObject = createJsonSchemaTransformObject({ zodToJsonConfig });

export interface OpenApiOptions {
  /** `info.version`: the API's release, the version in apps/api/package.json (docs/api.md). */
  version: string;
  /** Decides the session cookie's name (`__Host-` prefix), which the document names. */
  cookieSecure: boolean;
  /** APP_URL: the web app, whose `/api` gateway the document lists as the public server. */
  appUrl: string;
  /** TRUST_PROXY, parsed: which peer may tell us the gateway's prefix (`X-Forwarded-Prefix`). */
  trustProxy: TrustProxy;
}

/** Whether the request's peer is a trusted hop, by the same rule Fastify applies to its headers. */
function trustFor(trustProxy: TrustProxy): (request: FastifyRequest) => boolean {
  const trusts =
    trustProxy === true
      ? () => true
      : trustProxy === false
        ? () => false
        : typeof trustProxy === 'number'
          ? (_: string, hop: number) => hop < trustProxy
          : proxyAddr.compile(trustProxy);
  return (request) => {
    const peer = request.socket?.remoteAddress;
    return peer !== undefined && trusts(peer, 0);
  };
}

/** The route's Zod schemas as JSON Schema, plus the credentials its access declaration accepts. */
const transform: SwaggerTransform = (input) => {
  // @fastify/swagger expands query, path and header schemas into parameters and cannot follow
  // a `$ref` there: hand it unnamed copies of named contract schemas (a copy with the same definition
  // but no parent, which Zod would otherwise reference).
  const schema = { ...(input.schema as Record<string, unknown>) };
  for (const part of ['querystring', 'params', 'headers']) {
    const value = schema[part];
    if (value instanceof z.ZodType && z.globalRegistry.get(value)?.id)
      schema[part] = value.clone(value._zod.def);
  }
  const result = jsonSchemaTransform({ ...input, schema });
  const access: RouteAccess | undefined = input.route.config?.access;
  if (!result.schema || (result.schema as { hide?: boolean }).hide || !access) return result;
  const response = { ...((result.schema as { response?: Record<string, unknown> }).response ?? {}) };
  const problem = { $ref: '#/components/schemas/Problem' };
  // The global rate limit answers every route that does not opt out (plugins/rate-limit.ts).
  if (input.route.config?.rateLimit !== false && !response['429']) response['429'] = problem;
  // Credentials in the query string are refused on every route (plugins/auth.ts).
  response['400'] ??= problem;
  // Behind a credential: 401 without a valid one, 403 for an API key on a route outside
  // organizations or without the scope (plugins/access.ts).
  if (access !== 'public') {
    response['401'] ??= problem;
    response['403'] ??= problem;
  }
  return {
    ...result,
    schema: { ...result.schema, response, security: securityFor(access) } as typeof result.schema,
  };
};

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

/** CSP for the reference page: its own bundle plus the exact inline bootstrap script, by hash. */
function referenceCsp(html: string): string {
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map(
    (m) =>
      `'sha256-${createHash('sha256')
        .update(m[1] ?? '')
        .digest('base64')}'`,
  );
  return [
    "default-src 'none'",
    `script-src 'self' ${hashes.join(' ')}`,
    // The bundle injects its stylesheet at runtime.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * OpenAPI 3.1 generated from the routes' Zod schemas, served at /openapi.json, and the Scalar
 * reference UI at /reference. Scalar's bundle is served by the plugin itself from node_modules
 * (`/reference/js/scalar.js`) and default fonts are off, so the page works with no internet.
 */
const openapi: FastifyPluginAsync<OpenApiOptions> = async (app, opts) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Groundwork API',
        version: opts.version,
        description:
          'Errors are RFC 9457 problem+json bodies with a stable `code` and the `requestId`. ' +
          'Browsers use the session cookie, API clients the access token, integrations an ' +
          'organization API key (organization routes only, within its scopes).',
        license: { name: 'MIT', identifier: 'MIT' },
        contact: { name: 'Groundwork maintainers', url: 'https://groundwork.dev' },
      },
      // Served per request (documentServers); this is what the document says read in-process.
      servers: [
        { url: `${new URL(opts.appUrl).origin}/api`, description: 'The public API, through the web app' },
      ],
      components: { securitySchemes: securitySchemes(opts.cookieSecure) },
    },
    transform,
    transformObject: (input) => {
      const doc = jsonSchemaTransformObject(input) as Record<string, unknown>;
      const { webhooks, schemas } = webhooksSection();
      const components = (doc.components ?? {}) as { schemas?: Record<string, unknown> };
      // The paths' own definition of a shared schema wins; the catalog only adds what is missing.
      components.schemas = { ...schemas, ...components.schemas };
      return finishDocument({ ...doc, components, webhooks }, { errorCodes: ErrorCode });
    },
  });

  const trusted = trustFor(opts.trustProxy);
  app.get(
    '/openapi.json',
    { schema: { hide: true }, config: { access: 'public', quiet: true } },
    async (request) => {
      const prefix = request.headers['x-forwarded-prefix'];
      const servers = documentServers({
        protocol: request.protocol,
        host: request.host,
        forwardedPrefix: trusted(request) && typeof prefix === 'string' ? prefix : undefined,
        appUrl: opts.appUrl,
      });
      return { ...app.swagger(), servers };
    },
  );

  await app.register(async (scope) => {
    scope.addHook('onSend', async (_req, reply, payload) => {
      const type = String(reply.getHeader('content-type') ?? '');
      if (type.startsWith('text/html') && typeof payload === 'string') {
        reply.header('content-security-policy', referenceCsp(payload));
      }
      return payload;
    });
    await scope.register(scalar, {
      routePrefix: '/reference',
      configuration: {
        // Relative, so the page also works behind the web app's same-origin proxy (/api/reference/).
        url: '../openapi.json',
        withDefaultFonts: false,
        hideClientButton: true,
        // Both call Scalar's hosted services (api.scalar.com) from the browser; off for offline use.
        agent: { disabled: true },
        mcp: { disabled: true },
      },
      logLevel: 'warn',
    });
  });
};

export default fp(openapi, { name: 'openapi' });
