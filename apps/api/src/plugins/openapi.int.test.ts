import { ErrorCode, WEBHOOK_EVENT_TYPES, WebhookEventCatalog } from '@repo/contracts';
import { validate } from '@scalar/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, useTestApps } from '../app.test-support';
import { THIRD_PARTY_ROUTES } from './access';
import { securityFor } from './openapi-document';

interface OperationDoc {
  operationId: string;
  tags: string[];
  requestBody?: unknown;
  responses: Record<string, { $ref?: string; description?: string }>;
}

/** A schema, or the component its `$ref` names. */
function resolve(doc: { components: { schemas: Record<string, unknown> } }, schema: { $ref?: string }) {
  const name = schema.$ref?.replace('#/components/schemas/', '');
  return (name ? doc.components.schemas[name] : schema) as { properties: Record<string, unknown> };
}

/** Fastify's `/a/:id` as OpenAPI's `/a/{id}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

describe('OpenAPI', () => {
  it('serves a valid OpenAPI 3.1 document listing the routes', async () => {
    const res = await t.app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/v1/meta']));
    expect(Object.keys(doc.paths)).not.toContain('/metrics');
    const meta = doc.paths['/v1/meta'].get.responses['200'].content['application/json'].schema;
    expect(resolve(doc, meta).properties).toHaveProperty('apiVersion');
    const result = await validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every public webhook event in the top-level webhooks section, with shared schemas', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(Object.keys(doc.webhooks)).toEqual(WEBHOOK_EVENT_TYPES);
    for (const type of WEBHOOK_EVENT_TYPES) {
      const post = doc.webhooks[type].post;
      expect(post.security, type).toEqual([]);
      expect(post.parameters.map((p: { name: string }) => p.name)).toEqual([
        'webhook-id',
        'webhook-timestamp',
        'webhook-signature',
      ]);
      const body = post.requestBody.content['application/json'];
      expect(body.schema.properties.type).toMatchObject({ const: type });
      expect(body.example.data).toEqual(WebhookEventCatalog[type].example);
    }
    // A contract schema the paths share is referred to, not repeated.
    const apiKey = doc.webhooks['api_key.created'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(apiKey)).toContain('#/components/schemas/ApiKeyScope');
    expect(doc.components.schemas.ApiKeyScope).toBeDefined();
  });

  it('declares on every operation exactly the credentials its access declaration accepts', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const schemes = Object.keys(doc.components.securitySchemes);
    expect(schemes.sort()).toEqual(['accessToken', 'organizationApiKey', 'sessionCookie']);
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie' });
    const documented = new Set<string>();
    for (const route of t.app.routeAccess) {
      if (route.url in THIRD_PARTY_ROUTES || route.method === 'HEAD') continue;
      const operation = doc.paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
      // Hidden routes (the document itself, /metrics) are the only ones the document may leave out.
      if (!operation) continue;
      documented.add(`${route.method} ${route.url}`);
      expect({ route: `${route.method} ${route.url}`, security: operation.security }).toEqual({
        route: `${route.method} ${route.url}`,
        security: securityFor(route.access),
      });
      for (const requirement of operation.security)
        for (const name of Object.keys(requirement)) expect(schemes).toContain(name);
    }
    const operations = Object.values(doc.paths).flatMap((item) => Object.keys(item as object));
    expect(documented.size).toBe(operations.length);
    // The mapping itself: public, session only, and session or a scoped API key.
    expect(securityFor('public')).toEqual([]);
    expect(securityFor({ permission: 'members:read' })).toContainEqual({
      organizationApiKey: ['members:read'],
    });
    expect(securityFor('authenticated')).not.toContainEqual(
      expect.objectContaining({ organizationApiKey: expect.anything() }),
    );
  });

  it('names the shared contract schemas once and refers to them', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const schemas = doc.components.schemas;
    for (const name of ['Problem', 'Me', 'Organization', 'Member', 'ApiKey', 'SessionView', 'Invitation'])
      expect(schemas).toHaveProperty(name);
    const text = JSON.stringify(doc);
    // Every reference resolves, and every named schema is referred to.
    for (const [, name] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g))
      expect(schemas).toHaveProperty(name as string);
    for (const name of Object.keys(schemas)) expect(text).toContain(`"#/components/schemas/${name}"`);
    // Timestamps are date-times, without Zod's long pattern.
    expect(schemas.Organization.properties.createdAt).toEqual({ type: 'string', format: 'date-time' });
    expect(schemas.SessionView.properties.createdAt).toEqual({ type: 'string', format: 'date-time' });
    expect(text).not.toContain('[2468][048]');
  });

  it('declares errors as they are sent: shared problem+json responses with the real codes', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const sent = await t.app.inject({ url: '/v1/me' });
    expect(sent.statusCode).toBe(401);
    const type = String(sent.headers['content-type']).split(';')[0] as string;
    expect(doc.paths['/v1/me'].get.responses['401']).toEqual({ $ref: '#/components/responses/Unauthorized' });
    expect(doc.components.responses.Unauthorized.content).toEqual({
      [type]: { schema: { $ref: '#/components/schemas/Problem' } },
    });
    expect(doc.components.schemas.Problem.properties.code.enum).toEqual(Object.keys(ErrorCode));
    for (const [path, item] of Object.entries<Record<string, OperationDoc>>(doc.paths))
      for (const [method, operation] of Object.entries(item))
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) < 400 || `${method} ${path}` === 'get /readyz') continue;
          // A refused SSO callback answers with a page forwarding the browser (ADR 0013), and
          // says so; a malformed one still gets the problem.
          if (`${method} ${path} ${status}` === 'get /v1/auth/sso/{provider}/callback 400') {
            expect(Object.keys((response as { content: object }).content).sort()).toEqual([
              'application/problem+json',
              'text/html',
            ]);
            continue;
          }
          expect({ at: `${method} ${path} ${status}`, response }).toEqual({
            at: `${method} ${path} ${status}`,
            response: { $ref: expect.stringMatching(/^#\/components\/responses\//) },
          });
        }
  });

  it('names, describes and places every operation', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(doc.servers).not.toEqual([]);
    expect(doc.info.license.name).toBe('MIT');
    const tags = new Map(doc.tags.map((tag: { name: string; description: string }) => [tag.name, tag]));
    const ids: string[] = [];
    for (const [path, item] of Object.entries<Record<string, OperationDoc>>(doc.paths))
      for (const [method, operation] of Object.entries(item)) {
        ids.push(operation.operationId);
        expect(operation.operationId).toMatch(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/);
        for (const tag of operation.tags) expect(tags.get(tag)).toHaveProperty('description');
        for (const [status, response] of Object.entries(operation.responses)) {
          if (!('$ref' in response)) expect(response.description).not.toBe('Default Response');
          if (!operation.requestBody) expect(`${method} ${path} ${status}`).not.toMatch(/ 41[35]$/);
        }
      }
    expect(ids.length).toBeGreaterThan(80);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/v1/auth/sign-in'].post.operationId).toBe('auth.signIn');
    expect(doc.paths['/v1/orgs/{orgId}/api-keys'].post.operationId).toBe('orgs.apiKeys.create');
    expect(doc.paths['/v1/orgs/{orgId}/api-keys'].get.operationId).toBe('orgs.apiKeys.list');
  });

  it('serves the reference UI from local assets only (works offline)', async () => {
    const page = await t.app.inject({ url: '/reference/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    // Every script/style/font comes from this server: no CDN URL anywhere in the page.
    expect(page.body).not.toMatch(/https?:\/\//);
    const scriptSrc = /<script src="([^"]+)"/.exec(page.body)?.[1];
    expect(scriptSrc).toBe('js/scalar.js');
    const bundle = await t.app.inject({ url: '/reference/js/scalar.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    // The page is allowed to run its own bundle and its exact inline bootstrap, nothing else.
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("connect-src 'self'");
  });

  it('names the API release and, as its server, the base URL it was read through', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(doc.info.version).not.toBe('0.0.0');
    const gateway = { url: 'http://localhost:3000/api', description: expect.any(String) };
    // Read directly: this server first, then the public gateway (APP_URL + /api).
    expect(doc.servers).toEqual([{ url: 'http://localhost:80', description: expect.any(String) }, gateway]);
    // The prefix of an untrusted peer is ignored (TRUST_PROXY is off here).
    const spoofed = await t.app.inject({
      url: '/openapi.json',
      headers: { 'x-forwarded-prefix': '/evil', 'x-forwarded-host': 'evil.example' },
    });
    expect(spoofed.json().servers[0].url).toBe('http://localhost:80');
  });
});

describe('OpenAPI servers behind the web gateway', () => {
  const build = useTestApps();

  it('is the gateway URL when a trusted hop forwards host, protocol and prefix', async () => {
    const gw = await build({ TRUST_PROXY: 'loopback', APP_URL: 'https://app.example.com' });
    const headers = {
      'x-forwarded-host': 'app.example.com',
      'x-forwarded-proto': 'https',
      'x-forwarded-prefix': '/api',
    };
    const doc = (await gw.app.inject({ url: '/openapi.json', headers })).json();
    expect(doc.servers).toEqual([{ url: 'https://app.example.com/api', description: expect.any(String) }]);
    // Only a plain path is repeated into the document.
    const odd = await gw.app.inject({
      url: '/openapi.json',
      headers: { ...headers, 'x-forwarded-prefix': '//evil.example' },
    });
    expect(odd.json().servers[0].url).toBe('https://app.example.com');
  });
});
