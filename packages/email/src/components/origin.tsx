/** @jsxRuntime automatic @jsxImportSource react */
// Explicit JSX runtime: see layout.tsx.
import { Section, Text } from '@react-email/components';
import type { Locale } from '@repo/contracts';
import { formatDateTime } from '../dates';
import { layoutStrings } from '../strings/layout';

export interface OriginProps {
  device: string | null;
  ip: string | null;
  at: string;
  timeZone?: string | undefined;
  locale: Locale;
}

/** Device, IP and time of a security event, so the reader can tell whether it was them. */
export function Origin({ device, ip, at, timeZone, locale }: OriginProps) {
  const s = layoutStrings[locale];
  const rows: [string, string, boolean][] = [
    [s.device, device ?? s.unknown, false],
    // An IP is a left-to-right token even in an Arabic mail.
    [s.ip, ip ?? s.unknown, ip !== null],
    [s.time, formatDateTime(at, locale, timeZone), false],
  ];
  return (
    <Section style={{ backgroundColor: '#f3f4f6', borderRadius: 6, padding: '12px 16px', margin: '16px 0' }}>
      {rows.map(([label, value, ltr]) => (
        <Text key={label} style={{ fontSize: 14, lineHeight: '22px', margin: 0, color: '#111827' }}>
          <strong>{label}</strong> {ltr ? <span dir="ltr">{value}</span> : value}
        </Text>
      ))}
    </Section>
  );
}
