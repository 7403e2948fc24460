import { notFound } from 'next/navigation';
import { iconPng } from '@/lib/brand/icon-image';

/** The PNG sizes the web manifest (src/app/manifest.ts) and the social previews point at. */
const APP_ICON_FILES = {
  '192.png': { size: 192, fullBleed: false },
  '512.png': { size: 512, fullBleed: false },
  'maskable-512.png': { size: 512, fullBleed: true },
} as const;

export const dynamicParams = false;

export function generateStaticParams() {
  return Object.keys(APP_ICON_FILES).map((file) => ({ file }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const spec = APP_ICON_FILES[file as keyof typeof APP_ICON_FILES];
  if (!spec) notFound();
  const png = iconPng(spec.size, { fullBleed: spec.fullBleed });
  png.headers.set('cache-control', 'public, max-age=86400');
  return png;
}
