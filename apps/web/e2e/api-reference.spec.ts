import { expect, test } from '@playwright/test';
import { baseURL } from './support/env';

test('the API reference loads through the same-origin /api proxy', async ({ page, request }) => {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.url().startsWith(baseURL) && r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  const res = await page.goto('/api/reference');
  expect(res?.status()).toBe(200);
  expect(res?.headers()['content-type']).toContain('text/html');

  const spec = await request.get('/api/openapi.json');
  expect(spec.status()).toBe(200);
  const doc = (await spec.json()) as { openapi?: string; paths?: Record<string, unknown> };
  expect(doc.openapi).toMatch(/^3\./);
  expect(Object.keys(doc.paths ?? {})).toContain('/v1/waitlist');
  await page.waitForLoadState('networkidle');
  expect(failed).toEqual([]);
});
