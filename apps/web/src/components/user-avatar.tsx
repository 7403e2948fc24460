'use client';

import { useState } from 'react';
import { gatewayUrl } from '@/lib/api/files';
import { cn } from '@/lib/utils';

/** Two letters for a name: first and last word's initials, or the first two letters of one word. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    parts.length > 1
      ? `${parts[0]?.[0] ?? ''}${parts.at(-1)?.[0] ?? ''}`
      : Array.from(name.trim()).slice(0, 2).join('');
  return letters.toUpperCase() || '?';
}

const SIZES = { sm: 'size-7 text-xs', md: 'size-9 text-sm', lg: 'size-20 text-xl' } as const;

/**
 * A person's (or an organization's) picture: the API's avatar or logo (`/v1/avatars/<fileId>`,
 * through the same-origin gateway, which redirects to a cacheable signed URL), or their initials
 * when there is none or it fails to load. Decorative by default: the name is always written next
 * to it.
 */
export function UserAvatar({
  name,
  src,
  size = 'sm',
  shape = 'circle',
  alt = '',
  className,
  testId,
}: {
  name: string;
  /** The API's relative `avatarUrl` / `logoUrl`, or a local preview (`blob:`). */
  src: string | null | undefined;
  size?: keyof typeof SIZES;
  shape?: 'circle' | 'square';
  alt?: string;
  className?: string;
  testId?: string;
}) {
  const pixels = size === 'lg' ? 256 : 64;
  const url = src?.startsWith('blob:') ? src : gatewayUrl(src, pixels);
  const [failed, setFailed] = useState<string | null>(null);
  const rounded = shape === 'circle' ? 'rounded-full' : 'rounded-md';
  if (url && failed !== url) {
    return (
      // biome-ignore lint/performance/noImgElement: a signed, per-user image behind the API; next/image would proxy and cache it publicly
      <img
        src={url}
        alt={alt}
        width={pixels}
        height={pixels}
        onError={() => setFailed(url)}
        className={cn('shrink-0 bg-secondary object-cover', SIZES[size], rounded, className)}
        data-testid={testId}
      />
    );
  }
  const classes = cn(
    'flex shrink-0 items-center justify-center bg-secondary font-semibold text-secondary-foreground',
    SIZES[size],
    rounded,
    className,
  );
  const testIdInitials = testId ? `${testId}-initials` : undefined;
  if (alt) {
    return (
      <span role="img" aria-label={alt} className={classes} data-testid={testIdInitials}>
        <span aria-hidden="true">{initials(name)}</span>
      </span>
    );
  }
  return (
    <span aria-hidden="true" className={classes} data-testid={testIdInitials}>
      {initials(name)}
    </span>
  );
}
