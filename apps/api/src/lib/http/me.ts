import { imageUrlOf, type Locale, type Me } from '@repo/contracts';
import type { User } from '@repo/db';

/**
 * The signed-in user as the API shows it (`Me` in @repo/contracts). Every answer that opens or
 * describes a session uses it: sign-in, refresh, the second factor, `/me`.
 */
export function toMe(user: User): Me {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    emailVerified: user.emailVerifiedAt !== null,
    locale: user.locale as Locale,
    timezone: user.timezone,
    createdAt: user.createdAt.toISOString(),
    avatarUrl: imageUrlOf(user.avatarFileId),
  };
}
