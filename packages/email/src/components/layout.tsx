/** @jsxRuntime automatic @jsxImportSource react */
// Explicit so the JSX transform does not depend on which tsconfig the runner picked up
// (tsx run from the repo root sees none and would fall back to classic React.createElement).

import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import type { Locale } from '@repo/contracts';
import type { ReactNode } from 'react';
import { format, localeDir } from '../i18n';
import { layoutStrings } from '../strings/layout';

export interface LayoutProps {
  locale: Locale;
  /** Inbox preview line (hidden in the body). */
  preview: string;
  appUrl: string;
  children: ReactNode;
}

const fontFamily =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans Arabic", sans-serif';

/** Shared frame of every mail: direction, language, brand footer. Templates render only their body. */
export function Layout({ locale, preview, appUrl, children }: LayoutProps) {
  const dir = localeDir(locale);
  const s = layoutStrings[locale];
  // Many mail clients ignore logical properties (`start`), so alignment follows `dir` explicitly.
  const textAlign = dir === 'rtl' ? 'right' : 'left';
  return (
    <Html lang={locale} dir={dir}>
      <Head />
      <Preview>{preview}</Preview>
      <Body dir={dir} style={{ backgroundColor: '#f6f7f9', fontFamily, margin: 0, padding: '24px 0' }}>
        <Container
          style={{ backgroundColor: '#ffffff', borderRadius: 8, padding: 32, maxWidth: 560, textAlign }}
        >
          <Text style={{ fontSize: 18, fontWeight: 700, margin: '0 0 16px' }}>{s.productName}</Text>
          <Section>{children}</Section>
          <Hr style={{ borderColor: '#e5e7eb', margin: '24px 0' }} />
          <Text style={{ color: '#6b7280', fontSize: 12, margin: 0 }}>
            {format(s.footer, { productName: s.productName })}{' '}
            <Link href={appUrl} style={{ color: '#4f46e5' }}>
              {format(s.visit, { productName: s.productName })}
            </Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export const textStyle = { fontSize: 15, lineHeight: '24px', color: '#111827' } as const;
export const headingStyle = {
  fontSize: 22,
  lineHeight: '30px',
  margin: '0 0 12px',
  color: '#111827',
} as const;
export const mutedStyle = { fontSize: 14, lineHeight: '22px', color: '#4b5563' } as const;
