/** @jsxRuntime automatic @jsxImportSource react */
// Explicit JSX runtime: see components/layout.tsx.
import { Heading, Text } from '@react-email/components';
import { Action } from '../components/action';
import { headingStyle, Layout, mutedStyle, textStyle } from '../components/layout';
import { format } from '../i18n';
import { appLink, appPaths } from '../links';
import { webhookEndpointDisabledStrings } from '../strings/webhook-endpoint-disabled';
import { defineTemplate } from '../template';

/** Tells owners and admins that the worker disabled a webhook endpoint, and why. */
export const webhookEndpointDisabled = defineTemplate('webhook-endpoint-disabled', {
  subject: ({ props, locale }) =>
    format(webhookEndpointDisabledStrings[locale].subject, { organization: props.organizationName }),
  Component: ({ props, locale, appUrl }) => {
    const s = webhookEndpointDisabledStrings[locale];
    const values = { organization: props.organizationName, url: props.url };
    return (
      <Layout locale={locale} preview={format(s.preview, values)} appUrl={appUrl}>
        <Heading as="h1" style={headingStyle}>
          {s.heading}
        </Heading>
        <Text style={textStyle}>{format(props.reason === 'gone' ? s.bodyGone : s.bodyFailing, values)}</Text>
        <Text style={mutedStyle}>{s.next}</Text>
        <Action href={appLink(appUrl, locale, appPaths.webhooks)} label={s.button} locale={locale} />
      </Layout>
    );
  },
});
