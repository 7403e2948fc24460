import { pngsToIco } from '@/lib/brand/icon';
import { iconPng } from '@/lib/brand/icon-image';

// Browsers and crawlers still ask for /favicon.ico whatever the page links; it is rendered once,
// at build time, from the same drawing as src/app/icon.svg.
export const dynamic = 'force-static';

export async function GET(): Promise<Response> {
  const images = await Promise.all(
    [16, 32, 48].map(async (size) => ({
      size,
      png: new Uint8Array(await iconPng(size).arrayBuffer()),
    })),
  );
  return new Response(Buffer.from(pngsToIco(images)), {
    headers: { 'content-type': 'image/x-icon', 'cache-control': 'public, max-age=86400' },
  });
}
