/** @jsxRuntime automatic @jsxImportSource react */
// Explicit JSX runtime: see components/layout.tsx.
import { LinkMail } from '../components/link-mail';
import { appLink, appPaths } from '../links';
import { confirmEmailChangeStrings } from '../strings/confirm-email-change';
import { defineTemplate } from '../template';

/** Same landing page as sign-up verification: the token's purpose tells the API what to do. */
export const confirmEmailChange = defineTemplate('confirm-email-change', {
  subject: ({ locale }) => confirmEmailChangeStrings[locale].subject,
  Component: ({ props, locale, appUrl }) => (
    <LinkMail
      s={confirmEmailChangeStrings[locale]}
      locale={locale}
      appUrl={appUrl}
      href={appLink(appUrl, locale, appPaths.verifyEmail, props.token)}
      email={props.email}
      expiresAt={props.expiresAt}
      timeZone={props.timeZone}
    />
  ),
});
