/** @jsxRuntime automatic @jsxImportSource react */
// Explicit JSX runtime: see components/layout.tsx.
import { Heading, Text } from '@react-email/components';
import { Action } from '../components/action';
import { headingStyle, Layout, mutedStyle, textStyle } from '../components/layout';
import { format } from '../i18n';
import { appLink, appPaths } from '../links';
import { orgRoleChangedStrings } from '../strings/org-role-changed';
import { orgRoleNames } from '../strings/org-roles';
import { defineTemplate } from '../template';

/** Tells a member their role changed; `changedByName` is null when an API key changed it. */
export const orgRoleChanged = defineTemplate('org-role-changed', {
  subject: ({ props, locale }) =>
    format(orgRoleChangedStrings[locale].subject, { organization: props.organizationName }),
  Component: ({ props, locale, appUrl }) => {
    const s = orgRoleChangedStrings[locale];
    const roles = orgRoleNames[locale];
    const values = {
      organization: props.organizationName,
      changedBy: props.changedByName ?? '',
      role: roles[props.role],
      previousRole: roles[props.previousRole],
    };
    return (
      <Layout locale={locale} preview={format(s.preview, values)} appUrl={appUrl}>
        <Heading as="h1" style={headingStyle}>
          {s.heading}
        </Heading>
        <Text style={textStyle}>{format(props.changedByName ? s.bodyBy : s.body, values)}</Text>
        <Action href={appLink(appUrl, locale, appPaths.home)} label={s.button} locale={locale} />
        <Text style={mutedStyle}>{s.notExpected}</Text>
      </Layout>
    );
  },
});
