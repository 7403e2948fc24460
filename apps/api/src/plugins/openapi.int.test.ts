import { validate } from '@scalar/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.test-support';

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
    expect(
      doc.paths['/v1/meta'].get.responses['200'].content['application/json'].schema.properties,
    ).toHaveProperty('apiVersion');
    const result = await validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
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
});
