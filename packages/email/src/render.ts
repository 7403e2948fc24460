import { render as renderHtml, toPlainText } from '@react-email/render';
import { type EmailTemplate, EmailTemplateProps, Locale } from '@repo/contracts';
import { createElement } from 'react';
import type { TemplateContext, TemplateProps } from './template';
import { templates } from './templates';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface RenderOptions {
  appUrl?: string;
}

/**
 * Renders a template in a locale. Props are validated against the template's schema from
 * contracts, so a job enqueued with stale props fails loudly instead of mailing "undefined".
 */
export async function render<T extends EmailTemplate>(
  template: T,
  props: TemplateProps<T> | Record<string, unknown>,
  locale: Locale,
  options: RenderOptions = {},
): Promise<RenderedEmail> {
  const def = templates[template];
  if (!def) throw new Error(`Unknown email template: ${String(template)}`);
  const ctx = {
    props: EmailTemplateProps[template].parse(props),
    locale: Locale.parse(locale),
    appUrl: options.appUrl ?? 'http://localhost:3000',
  } as TemplateContext<T>;
  const html = await renderHtml(createElement(def.Component, ctx));
  // Derive text from the same HTML (one render) so both parts always say the same thing.
  const text = toPlainText(html);
  return { subject: def.subject(ctx), html, text };
}
