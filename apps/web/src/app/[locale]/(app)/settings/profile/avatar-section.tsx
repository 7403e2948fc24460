'use client';

import { type ImageOutcome, ImageUpload } from '@/components/image-upload';
import { avatarApi } from '@/lib/api/files';
import { avatarTransport } from '@/lib/uploads/transports';

/**
 * The worker swaps the avatar in once the new picture is ready (so only a checked picture is ever
 * shown): poll the upload until it is ready (it is the avatar now) or rejected (with the reason).
 */
async function waitForAvatar(fileId: string): Promise<ImageOutcome> {
  for (let delay = 500, waited = 0; waited < 60_000; waited += delay, delay = Math.min(delay * 1.5, 3_000)) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const answer = await avatarApi.status(fileId).catch(() => null);
    if (answer?.file.status === 'ready') return { ready: true };
    if (answer?.file.status === 'rejected') return { ready: false, reason: answer.file.rejectReason };
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
