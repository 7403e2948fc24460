/** @jsxRuntime automatic @jsxImportSource react */
// Explicit JSX runtime: see components/layout.tsx.
import { SecurityNotice } from '../components/security-notice';
import { appLink, appPaths } from '../links';
import { suspiciousTokenReuseStrings } from '../strings/suspicious-token-reuse';
import { defineTemplate } from '../template';

export const suspiciousTokenReuse = defineTemplate('suspicious-token-reuse', {
  subject: ({ locale }) => suspiciousTokenReuseStrings[locale].subject,
  Component: ({ props, locale, appUrl }) => (
    <SecurityNotice
      s={suspiciousTokenReuseStrings[locale]}
      locale={locale}
      appUrl={appUrl}
      href={appLink(appUrl, locale, appPaths.security)}
      origin={props}
    />
  ),
});
