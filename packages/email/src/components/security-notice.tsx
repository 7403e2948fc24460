/** @jsxRuntime automatic @jsxImportSource react */
// Explicit JSX runtime: see layout.tsx.
import { Heading, Text } from '@react-email/components';
import type { Locale } from '@repo/contracts';
import type { SecurityNoticeStrings } from '../strings/password-changed';
import { Action } from './action';
import { headingStyle, Layout, textStyle } from './layout';
import { Origin } from './origin';

export interface SecurityNoticeProps {
  s: SecurityNoticeStrings;
  locale: Locale;
  appUrl: string;
  /** Where "not you?" leads: the reset form or the security page. */
  href: string;
  origin: { device: string | null; ip: string | null; at: string; timeZone?: string | undefined };
}

/** Body of the "something happened to your account" mails: what, from where, and what to do if not you. */
export function SecurityNotice({ s, locale, appUrl, href, origin }: SecurityNoticeProps) {
  return (
    <Layout locale={locale} preview={s.preview} appUrl={appUrl}>
      <Heading as="h1" style={headingStyle}>
        {s.heading}
      </Heading>
      <Text style={textStyle}>{s.body}</Text>
      <Origin {...origin} locale={locale} />
      <Text style={textStyle}>{s.notYou}</Text>
      <Action href={href} label={s.button} locale={locale} />
    </Layout>
  );
}
