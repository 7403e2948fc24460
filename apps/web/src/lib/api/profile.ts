import { type Locale, Me, type UpdateProfileBody } from '@repo/contracts';
import type { z } from 'zod';
import { api } from './client';

/** Browser calls for the signed-in user's own profile (PATCH /v1/me), parsed with `Me`. */
export const profileApi = {
  update: (body: z.input<typeof UpdateProfileBody>) => api.patch('/me', body, { schema: Me }),
  /** The UI language is the profile's `locale`: one preference (header switcher and profile). */
  saveLocale: (locale: Locale) => api.patch('/me', { locale }, { schema: Me }),
};
