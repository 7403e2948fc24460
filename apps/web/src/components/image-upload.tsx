'use client';

import { IMAGE_UPLOAD_TYPES } from '@repo/contracts';
import { Loader2Icon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress';
import { UserAvatar } from '@/components/user-avatar';
import { useRouter } from '@/i18n/navigation';
import { ApiError } from '@/lib/api/api-error';
import { useErrorText } from '@/lib/forms/error-text';
import { percent } from '@/lib/uploads/plan';
import type { UploadTransport } from '@/lib/uploads/upload-task';
import { useUploadErrorText } from '@/lib/uploads/use-file-text';
import { useUploads } from '@/lib/uploads/use-uploads';

/** What the worker made of an uploaded picture. */
export type ImageOutcome = { ready: true } | { ready: false; reason: string | null } | null;

/**
 * A profile picture or an organization logo: the current one (or initials), a local preview of the
 * chosen file while it uploads straight to the object store, and remove. The worker crops it to a
 * centered square and makes the sizes; only then does it replace the old one everywhere, so the
 * page waits for that (`waitReady`) and re-renders with the new picture.
 */
export function ImageUpload<R>({
  kind,
  name,
  current,
  transport,
  waitReady,
  onRemove,
}: {
  kind: 'avatar' | 'logo';
  /** For the initials when there is no picture. */
  name: string;
  /** The API's relative avatarUrl / logoUrl. */
  current: string | null;
  transport: () => UploadTransport<R>;
  /** Resolves once the worker accepted (or rejected) the uploaded file; null if it took too long. */
  waitReady: (fileId: string) => Promise<ImageOutcome>;
  onRemove: () => Promise<void>;
}) {
  const t = useTranslations(`Images.${kind}`);
  const common = useTranslations('Images');
  const router = useRouter();
  const errorText = useErrorText();
  const uploadText = useUploadErrorText();
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [preview, setPreview] = useState<string | null>(null);
  const [phase, setPhase] = useState<'idle' | 'processing' | 'removing'>('idle');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  const uploads = useUploads<R>({
    transport: () => transport(),
    concurrency: 1,
    onSettled: async (upload) => {
      if (upload.status === 'failed') {
        setError(uploadText.error(upload.error));
        setPreview(null);
        return;
      }
      if (upload.status !== 'done' || !upload.fileId) return;
      setPhase('processing');
      const outcome = await waitReady(upload.fileId);
      setPhase('idle');
      if (outcome?.ready) {
        toast.success(t('saved'));
        router.refresh();
        setPreview(null);
      } else if (outcome) {
        setError(uploadText.rejected(outcome.reason));
        setPreview(null);
      } else {
        setError(common('slow'));
      }
    },
  });
  const last = uploads.uploads.at(-1);
  const sending = last?.status === 'queued' || last?.status === 'uploading' || last?.status === 'completing';

  function pick(file: File | undefined) {
    if (!file) return;
    setError(null);
    if (!(IMAGE_UPLOAD_TYPES as readonly string[]).includes(file.type)) {
      setError(uploadText.error(new ApiError({ status: 415, code: 'file_type_not_allowed' })));
      return;
    }
    setPreview(URL.createObjectURL(file));
    uploads.clearFinished();
    void uploads.add([file]);
  }

  async function remove() {
    setError(null);
    setPhase('removing');
    try {
      await onRemove();
      toast.success(t('removed'));
      router.refresh();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setPhase('idle');
    }
  }

  const busy = sending || phase !== 'idle';
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-start" data-testid={`${kind}-upload`}>
      <UserAvatar
        name={name}
        src={preview ?? current}
        size="lg"
        shape={kind === 'logo' ? 'square' : 'circle'}
        alt={preview ? common('previewAlt') : current ? t('currentAlt') : ''}
        testId={`${kind}-image`}
      />
      <div className="flex min-w-0 flex-1 flex-col gap-3">
        <p id={hintId} className="text-muted-foreground text-sm">
          {t('hint')}
        </p>
        <div className="flex flex-wrap gap-2">
          <Button
            type="button"
            onClick={() => input.current?.click()}
            disabled={busy}
            aria-describedby={hintId}
            data-testid={`${kind}-choose`}
          >
            {busy && phase !== 'removing' ? (
              <Loader2Icon aria-hidden="true" className="animate-spin" />
            ) : null}
            {current ? t('change') : t('choose')}
          </Button>
          {current ? (
            <ConfirmDialog
              trigger={
                <Button type="button" variant="outline" disabled={busy} data-testid={`${kind}-remove`}>
                  {t('remove')}
                </Button>
              }
              title={t('removeTitle')}
              description={t('removeBody')}
              confirmLabel={t('remove')}
              cancelLabel={common('cancel')}
              onConfirm={() => void remove()}
            />
          ) : null}
        </div>
        {last && sending ? (
          <div className="flex flex-col gap-1">
            <ProgressBar value={percent(last.uploaded, last.size)} label={common('progress')} />
            <p className="text-muted-foreground text-xs" aria-live="polite">
              {common('uploading', { percent: percent(last.uploaded, last.size) })}
            </p>
          </div>
        ) : null}
        {phase === 'processing' ? (
          <p className="flex items-center gap-2 text-muted-foreground text-sm" role="status">
            <Loader2Icon aria-hidden="true" className="size-4 animate-spin" />
            {common('processing')}
          </p>
        ) : null}
        {error ? (
          <p className="text-destructive text-sm" role="alert" data-testid={`${kind}-error`}>
            {error}
          </p>
        ) : null}
        <input
          ref={input}
          type="file"
          accept={IMAGE_UPLOAD_TYPES.join(',')}
          hidden
          data-testid={`${kind}-input`}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            pick(file);
          }}
        />
      </div>
    </div>
  );
}
