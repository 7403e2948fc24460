/**
 * Every response the integration suite receives, checked against the OpenAPI document (ADR 0031):
 * is the status documented for the operation, does the content type match, does the body
 * validate against the documented schema? `buildTestApp` installs the check on every app it
 * builds, so the whole suite doubles as a conformance run; violations fail the test file that
 * produced them when its app closes, and each run records which operation × status it saw
 * (coverage, `reportCoverage`).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { App } from './types';

type Json = Record<string, unknown>;
interface ResponseDoc {
  content?: Record<string, { schema?: Json }>;
}

/**
 * Where each test process appends the operation × status pairs it saw, one folder per run
 * (`pnpm openapi:coverage` reports the newest).
 */
export const COVERAGE_DIR = join(import.meta.dirname, '..', 'node_modules', '.openapi-coverage');

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** Fastify's `/a/:id` as OpenAPI's `/a/{id}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
const mediaType = (header: unknown) =>
  String(header ?? '')
    .split(';')[0]
    ?.trim() ?? '';

export interface Conformance {
  /** A violation, or null when the response is as documented (or the route is undocumented). */
  check(input: {
    method: string;
    url: string | undefined;
    status: number;
    contentType: unknown;
    /** The body as sent; `undefined` for none, `null` for a stream (not read here). */
    body: string | undefined | null;
  }): { operation: string; violation: string | null } | null;
}

/** Validators for every documented response of `doc`, compiled on first use. */
export function createConformance(doc: Json): Conformance {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // The document's components, addressable as `doc#/components/…`.
  ajv.addSchema({ $id: 'doc', components: (doc.components as Json) ?? {} });
  const compiled = new Map<string, ValidateFunction>();
  const responses = ((doc.components as Json)?.responses ?? {}) as Record<string, ResponseDoc>;
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;

  function validator(key: string, schema: Json): ValidateFunction {
    let fn = compiled.get(key);
    if (!fn) {
      const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'));
      fn = ajv.compile(rebased);
      compiled.set(key, fn);
    }
    return fn;
  }

  return {
    check({ method, url, status, contentType, body }) {
      const lower = method.toLowerCase();
      // Test-only routes (buildTestApp's `routes`, under /test) are in the test app's document but
      // describe nothing a client sees.
      if (!url || url.startsWith('/test/') || !METHODS.includes(lower)) return null;
      const path = openApiPath(url);
      const operation = paths[path]?.[lower] as (Json & { responses?: Record<string, Json> }) | undefined;
      if (!operation) return null;
      const id = `${operation.operationId as string} ${status}`;
      const documented = operation.responses?.[String(status)] as
        | (ResponseDoc & { $ref?: string })
        | undefined;
      if (!documented)
        return { operation: id, violation: `${method} ${path}: status ${status} is not documented` };
      const response = documented.$ref
        ? responses[documented.$ref.replace('#/components/responses/', '')]
        : documented;
      const content = response?.content;
      if (!content) {
        return {
          operation: id,
          violation: body
            ? `${method} ${path} ${status}: a body (${JSON.stringify(body.slice(0, 60))}) was sent but none is documented`
            : null,
        };
      }
      const type = mediaType(contentType);
      const entry = content[type];
      if (!entry) {
        return {
          operation: id,
          violation: `${method} ${path} ${status}: content type "${type}" is not one of ${Object.keys(content).join(', ')}`,
        };
      }
      if (!entry.schema || !type.endsWith('json') || body === null) return { operation: id, violation: null };
      let parsed: unknown;
      try {
        parsed = JSON.parse(body ?? '');
      } catch {
        return { operation: id, violation: `${method} ${path} ${status}: the body is not JSON` };
      }
      const validate = validator(`${path} ${lower} ${status} ${type}`, entry.schema);
      if (validate(parsed)) return { operation: id, violation: null };
      const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
      return { operation: id, violation: `${method} ${path} ${status}: the body does not match: ${errors}` };
    },
  };
}

/**
 * Checks every response of `app` (installed before `ready`): the returned `violations` list
 * collects what did not match; the pairs seen are appended to COVERAGE_DIR.
 */
export function installConformanceCheck(app: App, runId = 'adhoc'): { violations: string[] } {
  const violations: string[] = [];
  let conformance: Conformance | undefined;
  const seen = new Set<string>();
  app.addHook('onSend', async (request, reply, payload) => {
    conformance ??= createConformance(app.swagger() as Json);
    // Streams (file downloads) have their status and type checked, not their body. Fastify
    // never writes a body for 204/304, whatever the serializer produced.
    const body =
      payload === null || payload === undefined || reply.statusCode === 204 || reply.statusCode === 304
        ? undefined
        : typeof payload === 'string'
          ? payload
          : Buffer.isBuffer(payload)
            ? payload.toString()
            : null;
    const result = conformance.check({
      method: request.method,
      url: request.routeOptions.url,
      status: reply.statusCode,
      contentType: reply.getHeader('content-type'),
      body,
    });
    if (result) {
      seen.add(result.operation);
      if (result.violation) violations.push(result.violation);
    }
    return payload;
  });
  app.addHook('onClose', async () => {
    if (seen.size === 0) return;
    const dir = join(COVERAGE_DIR, runId.replace(/[^A-Za-z0-9-]/g, '') || 'adhoc');
    mkdirSync(dir, { recursive: true });
    appendFileSync(join(dir, `${process.pid}.txt`), `${[...seen].join('\n')}\n`);
  });
  return { violations };
}
