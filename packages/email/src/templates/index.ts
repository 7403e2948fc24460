import type { EmailTemplate } from '@repo/contracts';
import type { TemplateDefinition } from '../template';
import { waitlistWelcome } from './waitlist-welcome';

/**
 * Every template, keyed by name. The mapped type makes a template declared in
 * `@repo/contracts` EmailTemplateProps but missing here a compile error.
 */
export const templates: { [T in EmailTemplate]: TemplateDefinition<T> } = {
  'waitlist-welcome': waitlistWelcome,
};
