/** @jsxRuntime automatic @jsxImportSource react */
// Explicit JSX runtime: see layout.tsx.
import { Button, Link, Section, Text } from '@react-email/components';
import type { Locale } from '@repo/contracts';
import { layoutStrings } from '../strings/layout';

export interface ActionProps {
  href: string;
  label: string;
  locale: Locale;
}

/**
 * The mail's one call to action: a button, then the raw URL for clients that strip buttons.
 * The plain-text part shows the button as "label URL", so the repeat is left out of it.
 */
export function Action({ href, label, locale }: ActionProps) {
  return (
    <Section style={{ margin: '24px 0' }}>
      <Button
        href={href}
        style={{
          backgroundColor: '#4f46e5',
          borderRadius: 6,
          color: '#ffffff',
          fontSize: 15,
          fontWeight: 600,
          padding: '12px 20px',
          textDecoration: 'none',
        }}
      >
        {label}
      </Button>
      <Text data-skip-in-text="true" style={{ color: '#6b7280', fontSize: 13, margin: '16px 0 0' }}>
        {layoutStrings[locale].linkFallback} {/* URLs read left to right even inside an Arabic paragraph. */}
        <Link href={href} dir="ltr" style={{ color: '#4f46e5', wordBreak: 'break-all' }}>
          {href}
        </Link>
      </Text>
    </Section>
  );
}
