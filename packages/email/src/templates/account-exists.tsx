/** @jsxRuntime automatic @jsxImportSource react */
// Explicit JSX runtime: see components/layout.tsx.
import { Heading, Link, Text } from '@react-email/components';
import { Action } from '../components/action';
import { headingStyle, Layout, mutedStyle, textStyle } from '../components/layout';
import { format } from '../i18n';
import { appLink, appPaths } from '../links';
import { accountExistsStrings } from '../strings/account-exists';
import { defineTemplate } from '../template';

/** Answer to a sign-up with a taken address: the owner learns it, the requester learns nothing. */
export const accountExists = defineTemplate('account-exists', {
  subject: ({ locale }) => accountExistsStrings[locale].subject,
  Component: ({ props, locale, appUrl }) => {
    const s = accountExistsStrings[locale];
    return (
      <Layout locale={locale} preview={s.preview} appUrl={appUrl}>
        <Heading as="h1" style={headingStyle}>
          {s.heading}
        </Heading>
        <Text style={textStyle}>{format(s.body, { email: props.email })}</Text>
        <Action href={appLink(appUrl, locale, appPaths.signIn)} label={s.button} locale={locale} />
        <Text style={textStyle}>
          {s.forgot}{' '}
          <Link href={appLink(appUrl, locale, appPaths.forgotPassword)} style={{ color: '#4f46e5' }}>
            {s.forgotLink}
          </Link>
        </Text>
        <Text style={mutedStyle}>{s.ignore}</Text>
      </Layout>
    );
  },
});
