import 'server-only';
import { ImageResponse } from 'next/og';
import { iconSvg } from './icon';

/** The app icon as a PNG of `size` pixels (rendered by next/og at build time). */
export function iconPng(size: number, options: { fullBleed?: boolean } = {}): ImageResponse {
  const src = `data:image/svg+xml;base64,${Buffer.from(iconSvg(options)).toString('base64')}`;
  return new ImageResponse(
    // biome-ignore lint/performance/noImgElement: next/og renders plain elements, not next/image.
    <img src={src} width={size} height={size} alt="" />,
    { width: size, height: size },
  );
}
