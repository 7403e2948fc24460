/** @jsxRuntime automatic @jsxImportSource react */
// Explicit so the JSX transform does not depend on which tsconfig the runner picked up
// (tsx run from the repo root sees none and would fall back to classic React.createElement).
import { Heading, Text } from '@react-email/components';
import { headingStyle, Layout, textStyle } from '../components/layout';
import { format } from '../i18n';
import { waitlistWelcomeStrings } from '../strings/waitlist-welcome';
import { defineTemplate } from '../template';

export const waitlistWelcome = defineTemplate('waitlist-welcome', {
  subject: ({ locale }) => waitlistWelcomeStrings[locale].subject,
  Component: ({ props, locale, appUrl }) => {
    const s = waitlistWelcomeStrings[locale];
    return (
      <Layout locale={locale} preview={s.preview} appUrl={appUrl}>
        <Heading as="h1" style={headingStyle}>
          {s.heading}
        </Heading>
        <Text style={textStyle}>{format(s.body, { email: props.email })}</Text>
        <Text style={textStyle}>{s.next}</Text>
      </Layout>
    );
  },
});
