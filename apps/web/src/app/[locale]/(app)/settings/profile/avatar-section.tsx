'use client';

import { CurrentUser } from '@repo/contracts';
import { type ImageOutcome, ImageUpload } from '@/components/image-upload';
import { api } from '@/lib/api/client';
import { avatarApi } from '@/lib/api/files';
import { avatarTransport } from '@/lib/uploads/transports';

/**
 * The worker swaps the avatar in once the new picture is ready (so only a checked picture is ever
 * shown): watch the profile until it points at the new file. A rejected picture never becomes the
 * avatar, and the API has no status route for avatar uploads, so a long wait ends as "too slow".
 */
async function waitForAvatar(fileId: string): Promise<ImageOutcome> {
  for (let delay = 500, waited = 0; waited < 60_000; waited += delay, delay = Math.min(delay * 1.5, 3_000)) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const me = await api.get('/me', { schema: CurrentUser }).catch(() => null);
    if (me?.avatarUrl?.includes(fileId)) return { ready: true };
  }
  return null;
}

/** The profile page's picture: upload (cropped to a centered square by the worker) and remove. */
export function AvatarSection({ name, avatarUrl }: { name: string; avatarUrl: string | null }) {
  return (
    <ImageUpload
      kind="avatar"
      name={name}
      current={avatarUrl}
      transport={avatarTransport}
      waitReady={waitForAvatar}
      onRemove={avatarApi.remove}
    />
  );
}
