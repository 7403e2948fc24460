import type { EmailTemplate, EmailTemplateProps, Locale } from '@repo/contracts';
import type { ReactElement } from 'react';
import type { z } from 'zod';

export type TemplateProps<T extends EmailTemplate> = z.infer<(typeof EmailTemplateProps)[T]>;

export interface TemplateContext<T extends EmailTemplate> {
  props: TemplateProps<T>;
  locale: Locale;
  /** Public web app URL (APP_URL) for links; never derived from a request. */
  appUrl: string;
}

export interface TemplateDefinition<T extends EmailTemplate> {
  name: T;
  subject: (ctx: TemplateContext<T>) => string;
  Component: (ctx: TemplateContext<T>) => ReactElement;
}

/** Ties a template's component and subject to the props schema declared for it in contracts. */
export function defineTemplate<T extends EmailTemplate>(
  name: T,
  def: Omit<TemplateDefinition<T>, 'name'>,
): TemplateDefinition<T> {
  return { name, ...def };
}
