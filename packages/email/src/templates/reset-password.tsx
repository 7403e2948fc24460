/** @jsxRuntime automatic @jsxImportSource react */
// Explicit JSX runtime: see components/layout.tsx.
import { LinkMail } from '../components/link-mail';
import { appLink, appPaths } from '../links';
import { resetPasswordStrings } from '../strings/reset-password';
import { defineTemplate } from '../template';

export const resetPassword = defineTemplate('reset-password', {
  subject: ({ locale }) => resetPasswordStrings[locale].subject,
  Component: ({ props, locale, appUrl }) => (
    <LinkMail
      s={resetPasswordStrings[locale]}
      locale={locale}
      appUrl={appUrl}
      href={appLink(appUrl, locale, appPaths.resetPassword, props.token)}
      email={props.email}
      expiresAt={props.expiresAt}
      timeZone={props.timeZone}
    />
  ),
});
