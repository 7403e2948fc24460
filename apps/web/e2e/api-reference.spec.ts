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
  const doc = (await spec.json()) as {
    openapi?: string;
    info?: { title?: string };
    paths?: Record<string, unknown>;
  };
  expect(doc.openapi).toMatch(/^3\./);
  expect(Object.keys(doc.paths ?? {})).toContain('/v1/waitlist');
  // The page fetched the spec through its relative URL and rendered it: the API's title and a
  // tag from the document are on screen. (Not `networkidle`: Scalar's page never settles
  // into it in headless Chromium, although no request is left pending.)
  await expect(
    page.getByRole('heading', { name: doc.info?.title ?? 'Groundwork API', level: 1 }),
  ).toBeVisible();
  await expect(page.getByText('waitlist', { exact: true }).first()).toBeVisible();
  expect(failed).toEqual([]);
});
