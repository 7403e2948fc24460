/** @jsxRuntime automatic @jsxImportSource react */
// Explicit JSX runtime: see components/layout.tsx.
import { Heading, Text } from '@react-email/components';
import { Action } from '../components/action';
import { headingStyle, Layout, mutedStyle, textStyle } from '../components/layout';
import { formatDateTime } from '../dates';
import { format } from '../i18n';
import { appLink, appPaths } from '../links';
import { orgInvitationStrings } from '../strings/org-invitation';
import { orgRoleNames } from '../strings/org-roles';
import { defineTemplate } from '../template';

/**
 * The invitee may have no account: the link opens a page that offers sign-in or sign-up. The
 * organization and inviter names are user-chosen text; React escapes them in the html part.
 */
export const orgInvitation = defineTemplate('org-invitation', {
  subject: ({ props, locale }) =>
    format(orgInvitationStrings[locale].subject, { organization: props.organizationName }),
  Component: ({ props, locale, appUrl }) => {
    const s = orgInvitationStrings[locale];
    const values = {
      organization: props.organizationName,
      inviter: props.inviterName ?? '',
      role: orgRoleNames[locale][props.role],
    };
    return (
      <Layout locale={locale} preview={format(s.preview, values)} appUrl={appUrl}>
        <Heading as="h1" style={headingStyle}>
          {format(s.heading, values)}
        </Heading>
        <Text style={textStyle}>{format(props.inviterName ? s.bodyBy : s.body, values)}</Text>
        <Text style={textStyle}>{format(s.role, values)}</Text>
        <Action
          href={appLink(appUrl, locale, appPaths.invitation, props.token)}
          label={s.button}
          locale={locale}
        />
        <Text style={mutedStyle}>
          {format(s.expires, { time: formatDateTime(props.expiresAt, locale, props.timeZone) })}
        </Text>
        <Text style={mutedStyle}>{s.ignore}</Text>
      </Layout>
    );
  },
});
