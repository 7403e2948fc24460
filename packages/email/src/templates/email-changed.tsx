/** @jsxRuntime automatic @jsxImportSource react */
// Explicit JSX runtime: see components/layout.tsx.
import { Heading, Text } from '@react-email/components';
import { headingStyle, Layout, mutedStyle, textStyle } from '../components/layout';
import { format } from '../i18n';
import { emailChangedStrings } from '../strings/email-changed';
import { defineTemplate } from '../template';

/**
 * Sent to the OLD address. No action link on purpose: this address has just lost access, and
 * a link here would be a way back into the account for whoever still reads it.
 */
export const emailChanged = defineTemplate('email-changed', {
  subject: ({ locale }) => emailChangedStrings[locale].subject,
  Component: ({ props, locale, appUrl }) => {
    const s = emailChangedStrings[locale];
    return (
      <Layout locale={locale} preview={s.preview} appUrl={appUrl}>
        <Heading as="h1" style={headingStyle}>
          {s.heading}
        </Heading>
        <Text style={textStyle}>{format(s.body, { newEmail: props.newEmail })}</Text>
        <Text style={textStyle}>{s.after}</Text>
        <Text style={mutedStyle}>{s.notYou}</Text>
      </Layout>
    );
  },
});
