import { expect, test } from '@playwright/test';
import { baseURL } from './support/env';
import { createVerifiedUser, signInThroughUi } from './support/identity';

// Each looks like a local path but normalizes to `//evil.com`, which `window.location.assign`
// after sign-in would treat as another host.
const foreignNexts = ['/..//evil.com', '/%2e%2e//evil.com'];

test('sign-in never follows a next that normalizes to another host', async ({ page, request }) => {
  const user = await createVerifiedUser(request, 'open-redirect');
  // Answered here so a regression shows as a failed assertion, not as traffic to a real host.
  const foreignHits: string[] = [];
  await page.context().route(
    (url) => url.hostname === 'evil.com' || url.hostname.endsWith('.evil.com'),
    (route) => {
      foreignHits.push(route.request().url());
      return route.fulfill({ contentType: 'text/html', body: '<title>evil</title>' });
    },
  );

  for (const next of foreignNexts) {
    await page.context().clearCookies();
    await signInThroughUi(page, user, `/en/sign-in?next=${encodeURIComponent(next)}`);
    await expect(page).toHaveURL(`${baseURL}/en/dashboard`);
    await expect(page.getByTestId('dashboard-title')).toHaveText(`Welcome, ${user.name}`);
  }
  expect(foreignHits).toEqual([]);
});
