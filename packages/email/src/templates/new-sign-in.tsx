/** @jsxRuntime automatic @jsxImportSource react */
// Explicit JSX runtime: see components/layout.tsx.
import { SecurityNotice } from '../components/security-notice';
import { appLink, appPaths } from '../links';
import { newSignInStrings } from '../strings/new-sign-in';
import { defineTemplate } from '../template';

export const newSignIn = defineTemplate('new-sign-in', {
  subject: ({ locale }) => newSignInStrings[locale].subject,
  Component: ({ props, locale, appUrl }) => (
    <SecurityNotice
      s={newSignInStrings[locale]}
      locale={locale}
      appUrl={appUrl}
      href={appLink(appUrl, locale, appPaths.security)}
      origin={props}
    />
  ),
});
