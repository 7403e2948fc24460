import { expect, type Page, test } from '@playwright/test';
import { createVerifiedUser, signInContext } from './support/identity';
import { messages } from './support/messages';

const LOCALES = ['en', 'fr', 'ar'] as const;

test('favicon, icons, manifest, robots.txt and sitemap.xml answer 200 with the right content type', async ({
  request,
}) => {
  const favicon = await request.get('/favicon.ico');
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()['content-type']).toBe('image/x-icon');
  // An ICO file: reserved 0, type 1 (icon), then three images (16, 32 and 48 px).
  expect([...(await favicon.body()).subarray(0, 6)]).toEqual([0, 0, 1, 0, 3, 0]);

  const svg = await request.get('/icon.svg');
  expect(svg.status()).toBe(200);
  expect(svg.headers()['content-type']).toContain('image/svg+xml');

  const manifest = await request.get('/manifest.webmanifest');
  expect(manifest.status()).toBe(200);
  expect(manifest.headers()['content-type']).toContain('application/manifest+json');
  const app = (await manifest.json()) as {
    name: string;
    short_name: string;
    theme_color: string;
    background_color: string;
    icons: { src: string; sizes: string; type: string }[];
  };
  expect(app.name).toBe(messages.en.Metadata.title);
  expect(app.short_name).toBe('Groundwork');
  expect(app.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  expect(app.background_color).toMatch(/^#[0-9a-f]{6}$/);
  expect(app.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['any', '192x192', '512x512']));
  for (const icon of app.icons) {
    const res = await request.get(icon.src);
    expect(res.status(), icon.src).toBe(200);
    expect(res.headers()['content-type'], icon.src).toContain(icon.type);
    if (icon.type === 'image/png') {
      const png = await res.body();
      expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
      const [w, h] = icon.sizes.split('x').map(Number);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], icon.src).toEqual([w, h]);
    }
  }

  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  expect(robots.headers()['content-type']).toContain('text/plain');
  const robotsText = await robots.text();
  expect(robotsText).toMatch(/^User-Agent: \*$/m);
  expect(robotsText).toMatch(/^Disallow: \/api\/$/m);
  expect(robotsText).toMatch(/^Sitemap: https?:\/\/[^/\s]+\/sitemap\.xml$/m);

  const sitemap = await request.get('/sitemap.xml');
  expect(sitemap.status()).toBe(200);
  expect(sitemap.headers()['content-type']).toContain('application/xml');
  const xml = await sitemap.text();
  const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '').pathname);
  expect(locs.sort()).toEqual(['/ar', '/ar/status', '/en', '/en/status', '/fr', '/fr/status']);
  expect(xml).toMatch(/hreflang="x-default"/);
  expect(xml).not.toMatch(/sign-in|dashboard|settings/);
});

/** The `<head>` links and meta tags Next rendered, as plain data. */
async function head(page: Page) {
  return page.evaluate(() => ({
    alternates: [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => ({
      hreflang: l.getAttribute('hreflang'),
      href: l.getAttribute('href'),
    })),
    canonical: document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null,
    meta: Object.fromEntries(
      [...document.querySelectorAll('meta[property], meta[name]')].map((m) => [
        m.getAttribute('property') ?? m.getAttribute('name'),
        m.getAttribute('content'),
      ]),
    ),
    icons: [
      ...document.querySelectorAll('link[rel~="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]'),
    ].map((l) => ({ rel: l.getAttribute('rel'), href: l.getAttribute('href') })),
  }));
}

for (const width of [1280, 390]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width === 390 ? 844 : 720 } });

    for (const path of ['/fr/status', '/ar']) {
      test(`${path} carries absolute hreflang alternates with x-default, a canonical URL and Open Graph tags`, async ({
        page,
        request,
      }) => {
        await page.goto(path);
        const tags = await head(page);
        const pagePath = path.replace(/^\/(en|fr|ar)/, '') || '/';
        const hreflangs = tags.alternates.map((a) => a.hreflang).sort();
        expect(hreflangs).toEqual(['ar', 'en', 'fr', 'x-default']);
        const origin = new URL(tags.alternates[0]?.href ?? '').origin;
        expect(origin).toMatch(/^https?:\/\//);
        for (const { hreflang, href } of tags.alternates) {
          const url = new URL(href ?? ''); // throws on a relative URL
          expect(url.origin).toBe(origin);
          const expected =
            hreflang === 'x-default'
              ? pagePath
              : pagePath === '/'
                ? `/${hreflang}`
                : `/${hreflang}${pagePath}`;
          expect(url.pathname, hreflang ?? '').toBe(expected);
        }
        expect(tags.canonical).toBe(`${origin}${path}`);
        expect(tags.meta.robots).toBeUndefined();

        const locale = path.split('/')[1] as (typeof LOCALES)[number];
        expect(tags.meta['og:type']).toBe('website');
        expect(tags.meta['og:site_name']).toBe('Groundwork');
        expect(tags.meta['og:url']).toBe(`${origin}${path}`);
        expect(tags.meta['og:locale']).toBe({ en: 'en_US', fr: 'fr_FR', ar: 'ar_AR' }[locale]);
        expect(tags.meta['og:title']).toContain(messages[locale].Metadata.siteName);
        expect(tags.meta['og:description']?.length).toBeGreaterThan(20);
        expect(tags.meta['og:image']).toMatch(/^https?:\/\/[^/]+\/app-icon\/512\.png$/);
        expect(tags.meta['twitter:card']).toBe('summary');
        expect(tags.meta['twitter:title']).toBe(tags.meta['og:title']);

        // The icons the page links answer, on this server.
        const rels = tags.icons.map((i) => i.rel).sort();
        expect(rels).toEqual(expect.arrayContaining(['apple-touch-icon', 'icon', 'manifest']));
        for (const icon of tags.icons) {
          const url = new URL(icon.href ?? '', page.url());
          const res = await request.get(`${url.pathname}${url.search}`);
          expect(res.status(), icon.href ?? '').toBe(200);
        }
      });
    }

    test('signed-in and auth pages say noindex, public pages do not', async ({ page, request }) => {
      await page.goto('/en/sign-in');
      await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex, nofollow');
      const user = await createVerifiedUser(request, `seo-${width}`);
      await signInContext(page, user);
      for (const path of ['/en/dashboard', '/fr/settings/profile', '/ar/org/settings/members']) {
        await page.goto(path);
        await expect(page.locator('meta[name="robots"]'), path).toHaveAttribute(
          'content',
          'noindex, nofollow',
        );
        await expect(page.locator('link[rel="alternate"][hreflang]'), path).toHaveCount(0);
      }
      await page.goto('/en');
      await expect(page.locator('meta[name="robots"]')).toHaveCount(0);
    });
  });
}
