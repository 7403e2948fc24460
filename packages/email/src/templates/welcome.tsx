/** @jsxRuntime automatic @jsxImportSource react */
// Explicit JSX runtime: see components/layout.tsx.
import { Heading, Text } from '@react-email/components';
import { Action } from '../components/action';
import { headingStyle, Layout, textStyle } from '../components/layout';
import { format } from '../i18n';
import { appLink, appPaths } from '../links';
import { welcomeStrings } from '../strings/welcome';
import { defineTemplate } from '../template';

export const welcome = defineTemplate('welcome', {
  subject: ({ locale }) => welcomeStrings[locale].subject,
  Component: ({ props, locale, appUrl }) => {
    const s = welcomeStrings[locale];
    return (
      <Layout locale={locale} preview={s.preview} appUrl={appUrl}>
        <Heading as="h1" style={headingStyle}>
          {format(s.heading, { name: props.name })}
        </Heading>
        <Text style={textStyle}>{s.body}</Text>
        <Action href={appLink(appUrl, locale, appPaths.home)} label={s.button} locale={locale} />
      </Layout>
    );
  },
});
