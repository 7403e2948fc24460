import { describe, expect, it } from 'vitest';
import { createConformance } from './openapi-conformance.test-support';

const doc = {
  openapi: '3.1.0',
  paths: {
    '/v1/things/{id}': {
      get: {
        operationId: 'things.get',
        responses: {
          '200': {
            description: 'A thing',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
          '404': { $ref: '#/components/responses/NotFound' },
        },
      },
      delete: { operationId: 'things.delete', responses: { '204': { description: 'Done' } } },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        properties: { id: { type: 'string' }, at: { type: 'string', format: 'date-time' } },
        required: ['id', 'at'],
        additionalProperties: false,
      },
      Problem: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] },
    },
    responses: {
      NotFound: {
        description: 'Not found',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    },
  },
};

const json = 'application/json; charset=utf-8';
const check = (input: Partial<Parameters<ReturnType<typeof createConformance>['check']>[0]>) =>
  createConformance(doc).check({
    method: 'GET',
    url: '/v1/things/:id',
    status: 200,
    contentType: json,
    body: '{"id":"1","at":"2026-01-01T00:00:00.000Z"}',
    ...input,
  });

describe('the OpenAPI conformance check', () => {
  it('accepts a response as documented, through $refs to schemas and shared responses', () => {
    expect(check({})).toEqual({ operation: 'things.get 200', violation: null });
    expect(
      check({ status: 404, contentType: 'application/problem+json', body: '{"code":"not_found"}' }),
    ).toEqual({ operation: 'things.get 404', violation: null });
    expect(
      check({ method: 'DELETE', status: 204, contentType: undefined, body: undefined })?.violation,
    ).toBeNull();
  });

  it('reports an undocumented status, another content type, a body off the schema', () => {
    expect(check({ status: 500 })?.violation).toMatch(/status 500 is not documented/);
    expect(check({ contentType: 'text/plain' })?.violation).toMatch(/content type "text\/plain"/);
    expect(check({ body: '{"id":1,"at":"2026-01-01T00:00:00.000Z"}' })?.violation).toMatch(
      /\/id must be string/,
    );
    expect(check({ body: '{"id":"1","at":"yesterday"}' })?.violation).toMatch(/\/at must match format/);
    expect(check({ body: '{"id":"1"}' })?.violation).toMatch(/must have required property 'at'/);
    expect(check({ status: 404, contentType: json, body: '{"code":"x"}' })?.violation).toMatch(
      /content type "application\/json"/,
    );
    expect(check({ method: 'DELETE', status: 204, contentType: json, body: '{}' })?.violation).toMatch(
      /none is documented/,
    );
  });

  it('leaves undocumented routes alone', () => {
    expect(check({ url: '/test/anything' })).toBeNull();
    expect(
      createConformance({ ...doc, paths: { '/test/x': doc.paths['/v1/things/{id}'] } }).check({
        method: 'GET',
        url: '/test/x',
        status: 500,
        contentType: 'text/plain',
        body: 'x',
      }),
    ).toBeNull();
    expect(check({ url: undefined })).toBeNull();
  });
});
