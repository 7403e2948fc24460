import localFont from 'next/font/local';

/*
 * Every font ships in an npm package (Fontsource) and is self-hosted by next/font/local: builds
 * never reach a font CDN (next/font/google downloads at build time and fails offline).
 *
 * Each file is one script's subset with its `unicode-range`, so a browser downloads a file only
 * when the page shows a character of that range: an English page fetches Geist's Latin file
 * (29 KB, not the 68 KB full font), an Arabic page the Arabic file plus the Latin one only for
 * its Latin words. Nothing is preloaded: a preload cannot know the locale (one root layout
 * serves them all) and would make /ar fetch Latin fonts first. `display: swap` paints text at
 * once in a fallback whose metrics next/font adjusts to Geist, so the swap barely moves anything.
 * That adjusted fallback is a local Arial without a unicode-range, which would catch every
 * character after it; globals.css therefore lists it last (Arabic, Latin Extended, then Latin).
 *
 * next/font needs every option as a literal, hence the repeated paths and ranges (Fontsource's
 * own ranges for each subset). ADR 0030.
 */
const sans = localFont({
  src: '../../node_modules/@fontsource-variable/geist/files/geist-latin-wght-normal.woff2',
  variable: '--font-sans-latin',
  weight: '100 900',
  display: 'swap',
  preload: false,
  declarations: [
    {
      prop: 'unicode-range',
      value:
        'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD',
    },
  ],
});

// Names and addresses outside Latin-1 (ł, ő, ș …): fetched only by a page that shows one.
const sansExt = localFont({
  src: '../../node_modules/@fontsource-variable/geist/files/geist-latin-ext-wght-normal.woff2',
  variable: '--font-sans-latin-ext',
  weight: '100 900',
  display: 'swap',
  preload: false,
  adjustFontFallback: false,
  declarations: [
    {
      prop: 'unicode-range',
      value:
        'U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF',
    },
  ],
});

const mono = localFont({
  src: '../../node_modules/@fontsource-variable/geist-mono/files/geist-mono-latin-wght-normal.woff2',
  variable: '--font-mono-latin',
  weight: '100 900',
  display: 'swap',
  preload: false,
  // While it loads, the system monospace stands in (globals.css), not a proportional Arial.
  adjustFontFallback: false,
  declarations: [
    {
      prop: 'unicode-range',
      value:
        'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD',
    },
  ],
});

const arabic = localFont({
  src: '../../node_modules/@fontsource-variable/noto-sans-arabic/files/noto-sans-arabic-arabic-wght-normal.woff2',
  variable: '--font-arabic',
  weight: '100 900',
  display: 'swap',
  preload: false,
  adjustFontFallback: false,
  declarations: [
    {
      prop: 'unicode-range',
      value:
        'U+0600-06FF, U+0750-077F, U+0870-088E, U+0890-0891, U+0897-08E1, U+08E3-08FF, U+200C-200E, U+2010-2011, U+204F, U+2E41, U+FB50-FDFF, U+FE70-FE74, U+FE76-FEFC',
    },
  ],
});

export const fontVariables = [sans.variable, sansExt.variable, mono.variable, arabic.variable].join(' ');
