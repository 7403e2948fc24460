/** @jsxRuntime automatic @jsxImportSource react */
// Explicit JSX runtime: see components/layout.tsx.
import { SecurityNotice } from '../components/security-notice';
import { appLink, appPaths } from '../links';
import { passwordChangedStrings } from '../strings/password-changed';
import { defineTemplate } from '../template';

export const passwordChanged = defineTemplate('password-changed', {
  subject: ({ locale }) => passwordChangedStrings[locale].subject,
  Component: ({ props, locale, appUrl }) => (
    <SecurityNotice
      s={passwordChangedStrings[locale]}
      locale={locale}
      appUrl={appUrl}
      href={appLink(appUrl, locale, appPaths.forgotPassword)}
      origin={props}
    />
  ),
});
