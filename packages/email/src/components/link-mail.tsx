/** @jsxRuntime automatic @jsxImportSource react */
// Explicit JSX runtime: see layout.tsx.
import { Heading, Text } from '@react-email/components';
import type { Locale } from '@repo/contracts';
import { formatDateTime } from '../dates';
import { format } from '../i18n';
import type { LinkMailStrings } from '../strings/verify-email';
import { Action } from './action';
import { headingStyle, Layout, mutedStyle, textStyle } from './layout';

export interface LinkMailProps {
  s: LinkMailStrings;
  locale: Locale;
  appUrl: string;
  href: string;
  email: string;
  expiresAt: string;
  timeZone?: string | undefined;
}

/** Body of the single-use-link mails (verify, confirm change, reset): ask, button, expiry, "ignore". */
export function LinkMail({ s, locale, appUrl, href, email, expiresAt, timeZone }: LinkMailProps) {
  return (
    <Layout locale={locale} preview={s.preview} appUrl={appUrl}>
      <Heading as="h1" style={headingStyle}>
        {s.heading}
      </Heading>
      <Text style={textStyle}>{format(s.body, { email })}</Text>
      <Action href={href} label={s.button} locale={locale} />
      <Text style={mutedStyle}>
        {format(s.expires, { time: formatDateTime(expiresAt, locale, timeZone) })}
      </Text>
      <Text style={mutedStyle}>{s.ignore}</Text>
    </Layout>
  );
}
