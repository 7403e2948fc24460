/** @jsxRuntime automatic @jsxImportSource react */
// Explicit JSX runtime: see components/layout.tsx.
import { LinkMail } from '../components/link-mail';
import { appLink, appPaths } from '../links';
import { verifyEmailStrings } from '../strings/verify-email';
import { defineTemplate } from '../template';

export const verifyEmail = defineTemplate('verify-email', {
  subject: ({ locale }) => verifyEmailStrings[locale].subject,
  Component: ({ props, locale, appUrl }) => (
    <LinkMail
      s={verifyEmailStrings[locale]}
      locale={locale}
      appUrl={appUrl}
      href={appLink(appUrl, locale, appPaths.verifyEmail, props.token)}
      email={props.email}
      expiresAt={props.expiresAt}
      timeZone={props.timeZone}
    />
  ),
});
