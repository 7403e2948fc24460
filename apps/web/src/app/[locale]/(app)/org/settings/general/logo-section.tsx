'use client';

import { type ImageOutcome, ImageUpload } from '@/components/image-upload';
import { filesApi, logoApi } from '@/lib/api/files';
import { orgFileTransport } from '@/lib/uploads/transports';

/** The organization's logo: uploaded like any organization file (purpose org_logo), then swapped in by the worker. */
export function LogoSection({
  orgId,
  name,
  logoUrl,
}: {
  orgId: string;
  name: string;
  logoUrl: string | null;
}) {
  async function waitReady(fileId: string): Promise<ImageOutcome> {
    for (
      let delay = 500, waited = 0;
      waited < 60_000;
      waited += delay, delay = Math.min(delay * 1.5, 3_000)
    ) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      const answer = await filesApi.get(orgId, fileId).catch(() => null);
      if (answer?.file.status === 'ready') return { ready: true };
      if (answer?.file.status === 'rejected') return { ready: false, reason: answer.file.rejectReason };
    }
    return null;
  }
  return (
    <ImageUpload
      kind="logo"
      name={name}
      current={logoUrl}
      transport={() => orgFileTransport(orgId, 'org_logo', () => new Set())}
      waitReady={waitReady}
      onRemove={() => logoApi.remove(orgId)}
    />
  );
}
