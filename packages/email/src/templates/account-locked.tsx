/** @jsxRuntime automatic @jsxImportSource react */
// Explicit JSX runtime: see components/layout.tsx.
import { Heading, Text } from '@react-email/components';
import { Action } from '../components/action';
import { headingStyle, Layout, mutedStyle, textStyle } from '../components/layout';
import { formatDateTime } from '../dates';
import { format } from '../i18n';
import { appLink, appPaths } from '../links';
import { accountLockedStrings } from '../strings/account-locked';
import { defineTemplate } from '../template';

export const accountLocked = defineTemplate('account-locked', {
  subject: ({ locale }) => accountLockedStrings[locale].subject,
  Component: ({ props, locale, appUrl }) => {
    const s = accountLockedStrings[locale];
    const when = (iso: string) => formatDateTime(iso, locale, props.timeZone);
    return (
      <Layout locale={locale} preview={s.preview} appUrl={appUrl}>
        <Heading as="h1" style={headingStyle}>
          {s.heading}
        </Heading>
        <Text style={textStyle}>{format(s.body, { lockedUntil: when(props.lockedUntil) })}</Text>
        <Text style={textStyle}>{s.unlock}</Text>
        <Action
          href={appLink(appUrl, locale, appPaths.unlock, props.token)}
          label={s.button}
          locale={locale}
        />
        <Text style={mutedStyle}>{format(s.expires, { time: when(props.expiresAt) })}</Text>
        <Text style={mutedStyle}>{s.notYou}</Text>
      </Layout>
    );
  },
});
