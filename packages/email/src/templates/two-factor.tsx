/** @jsxRuntime automatic @jsxImportSource react */
// Explicit JSX runtime: see components/layout.tsx.
import { SecurityNotice } from '../components/security-notice';
import { appLink, appPaths } from '../links';
import {
  backupCodeUsedStrings,
  twoFactorDisabledStrings,
  twoFactorEnabledStrings,
} from '../strings/two-factor';
import { defineTemplate } from '../template';

export const twoFactorEnabled = defineTemplate('two-factor-enabled', {
  subject: ({ locale }) => twoFactorEnabledStrings[locale].subject,
  Component: ({ props, locale, appUrl }) => (
    <SecurityNotice
      s={twoFactorEnabledStrings[locale]}
      locale={locale}
      appUrl={appUrl}
      href={appLink(appUrl, locale, appPaths.security)}
      origin={props}
    />
  ),
});

export const twoFactorDisabled = defineTemplate('two-factor-disabled', {
  subject: ({ locale }) => twoFactorDisabledStrings[locale].subject,
  Component: ({ props, locale, appUrl }) => (
    <SecurityNotice
      s={twoFactorDisabledStrings[locale]}
      locale={locale}
      appUrl={appUrl}
      href={appLink(appUrl, locale, appPaths.security)}
      origin={props}
    />
  ),
});

export const backupCodeUsed = defineTemplate('backup-code-used', {
  subject: ({ locale }) => backupCodeUsedStrings[locale].subject,
  Component: ({ props, locale, appUrl }) => {
    const s = backupCodeUsedStrings[locale];
    return (
      <SecurityNotice
        s={{ ...s, body: s.body.replace('{remaining}', String(props.remaining)) }}
        locale={locale}
        appUrl={appUrl}
        href={appLink(appUrl, locale, appPaths.security)}
        origin={props}
      />
    );
  },
});
