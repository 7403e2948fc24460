import { z } from 'zod';

/** Locales the product ships; the web app, emails and API messages use the same list. */
export const Locale = z.enum(['en', 'fr', 'ar']);
export type Locale = z.infer<typeof Locale>;

export const JoinWaitlistBody = z.strictObject({
  email: z.email().max(254),
  locale: Locale.default('en'),
});
export type JoinWaitlistBody = z.infer<typeof JoinWaitlistBody>;

/** Same answer whether or not the address was already on the list (no enumeration). */
export const JoinWaitlistResponse = z.object({ status: z.literal('accepted') });
