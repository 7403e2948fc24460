import { iconPng } from '@/lib/brand/icon-image';

// The home-screen icon for iOS, which rounds the corners itself (hence full bleed).
export const size = { width: 180, height: 180 };
export const contentType = 'image/png';

export default function AppleIcon() {
  return iconPng(180, { fullBleed: true });
}
