import { GeistMono } from 'geist/font/mono';
import { GeistSans } from 'geist/font/sans';
import localFont from 'next/font/local';

// Every font ships in an npm package and is self-hosted by next/font/local: builds never reach
// a font CDN (next/font/google downloads at build time and fails offline).
const arabic = localFont({
  src: '../../node_modules/@fontsource-variable/noto-sans-arabic/files/noto-sans-arabic-arabic-wght-normal.woff2',
  variable: '--font-arabic',
  weight: '100 900',
  display: 'swap',
  preload: false,
});

export const fontVariables = [GeistSans.variable, GeistMono.variable, arabic.variable].join(' ');
