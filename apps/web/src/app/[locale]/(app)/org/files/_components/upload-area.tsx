'use client';

import type { FileView } from '@repo/contracts';
import { PauseIcon, PlayIcon, RotateCcwIcon, UploadCloudIcon, XIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type DragEvent, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress';
import { worthRetrying } from '@/lib/uploads/errors';
import { percent, totalProgress } from '@/lib/uploads/plan';
import { useBytes } from '@/lib/uploads/use-file-text';
import type { UploadView } from '@/lib/uploads/use-uploads';
import { cn } from '@/lib/utils';

/** After the bytes are in: the worker checks the file, then it is ready or rejected. */
export type AfterUpload =
  | { phase: 'processing' }
  | { phase: 'ready' }
  | { phase: 'rejected'; reason: string };

/**
 * Where files come in: a drop zone for several files at once (and a button that opens the file
 * picker, the keyboard's and the phone's way), then one row per upload with its progress bar and
 * pause, resume and cancel, and a bar for all of them together.
 */
export function UploadArea({
  uploads,
  after,
  errorOf,
  onFiles,
  onPause,
  onResume,
  onCancel,
  onClear,
}: {
  uploads: UploadView<FileView>[];
  after: Record<string, AfterUpload>;
  errorOf: (upload: UploadView<FileView>) => string;
  onFiles: (files: File[]) => void;
  onPause: (id: string) => void;
  onResume: (id: string) => void;
  onCancel: (id: string) => void;
  onClear: () => void;
}) {
  const t = useTranslations('Files.upload');
  const bytes = useBytes();
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [over, setOver] = useState(false);

  function drop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setOver(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  }

  const counted = uploads.map((u) => ({
    size: u.size,
    uploaded: u.uploaded,
    counted: u.status !== 'canceled',
  }));
  const total = totalProgress(counted);
  const finished = uploads.filter((u) => u.status === 'done' && after[u.id]?.phase !== 'rejected').length;
  const live = uploads.filter((u) => u.status !== 'canceled').length;
  const settled = uploads.some((u) => ['done', 'failed', 'canceled'].includes(u.status));

  return (
    <div className="flex flex-col gap-4">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer extra; the button below does the same from the keyboard */}
      <div
        onDragEnter={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragOver={(e) => e.preventDefault()}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
        }}
        onDrop={drop}
        data-testid="upload-dropzone"
        data-over={over || undefined}
        className={cn(
          'flex flex-col items-center gap-3 rounded-lg border-2 border-dashed px-4 py-8 text-center transition-colors',
          over ? 'border-primary bg-primary/5' : 'border-input',
        )}
      >
        <UploadCloudIcon aria-hidden="true" className="size-8 text-muted-foreground" />
        <div className="flex flex-col gap-1">
          {/* Touch screens cannot drag files in: they are told to pick them (CSS, no hydration flash). */}
          <p className="font-medium">
            {over ? (
              t('dropNow')
            ) : (
              <>
                <span className="pointer-coarse:hidden">{t('zoneTitle')}</span>
                <span className="hidden pointer-coarse:inline">{t('zoneTitleTouch')}</span>
              </>
            )}
          </p>
          <p id={hintId} className="text-muted-foreground text-sm">
            {t('zoneHint')}
          </p>
        </div>
        <Button
          type="button"
          variant="outline"
          onClick={() => input.current?.click()}
          aria-describedby={hintId}
        >
          {t('choose')}
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          data-testid="upload-input"
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = '';
            if (files.length > 0) onFiles(files);
          }}
        />
      </div>

      {uploads.length > 0 ? (
        <section
          aria-labelledby={`${hintId}-queue`}
          className="flex flex-col gap-3"
          data-testid="upload-queue"
        >
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id={`${hintId}-queue`} className="font-medium text-sm">
              {t('queueTitle')}
            </h2>
            {settled ? (
              <Button type="button" variant="ghost" size="sm" onClick={onClear}>
                {t('clear')}
              </Button>
            ) : null}
          </div>
          <div className="flex flex-col gap-1.5">
            <ProgressBar
              value={percent(total.uploaded, total.total)}
              label={t('totalProgress')}
              valueText={t('total', { done: finished, total: live })}
              testId="upload-total-progress"
            />
            <p className="text-muted-foreground text-xs" aria-live="polite">
              {t('total', { done: finished, total: live })} · {bytes(total.uploaded)} / {bytes(total.total)}
            </p>
          </div>
          <ul className="flex flex-col divide-y rounded-lg border">
            {uploads.map((u) => (
              <UploadRow
                key={u.id}
                upload={u}
                after={after[u.id]}
                errorText={u.status === 'failed' ? errorOf(u) : null}
                onPause={() => onPause(u.id)}
                onResume={() => onResume(u.id)}
                onCancel={() => onCancel(u.id)}
              />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function UploadRow({
  upload: u,
  after,
  errorText,
  onPause,
  onResume,
  onCancel,
}: {
  upload: UploadView<FileView>;
  after: AfterUpload | undefined;
  errorText: string | null;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations('Files.upload');
  const files = useTranslations('Files');
  const bytes = useBytes();
  const pct = percent(u.uploaded, u.size);
  const status = (() => {
    if (u.status === 'done') {
      if (after?.phase === 'rejected') return t('status.rejected', { reason: after.reason });
      if (after?.phase === 'ready') return t('status.ready');
      return t('status.processing');
    }
    if (u.status === 'uploading') return t('status.uploading', { percent: pct });
    if (u.status === 'paused') return t('status.paused', { percent: pct });
    if (u.status === 'failed') return t('status.failed', { reason: errorText ?? files('errors.generic') });
    return t(`status.${u.status}`);
  })();
  const bad = u.status === 'failed' || after?.phase === 'rejected';
  const canPause = u.status === 'uploading' || u.status === 'queued';
  // A refusal (an empty file, over the quota) fails again the same way: no retry for it.
  const canResume = u.status === 'paused' || (u.status === 'failed' && worthRetrying(u.error));
  const canCancel = ['queued', 'uploading', 'paused', 'failed'].includes(u.status);
  return (
    <li
      className="flex flex-col gap-2 p-3"
      data-testid="upload-row"
      data-status={u.status}
      data-phase={after?.phase}
    >
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <p className="truncate font-medium text-sm" title={u.name}>
            <bdi>{u.name}</bdi>
          </p>
          <p
            className={cn('text-xs', bad ? 'text-destructive' : 'text-muted-foreground')}
            data-testid="upload-status"
          >
            {status}
            {u.resumed && u.status !== 'done' ? ` · ${t('resumed')}` : ''}
            {' · '}
            {bytes(u.size)}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-1">
          {canPause ? (
            <Button
              type="button"
              variant="ghost"
              size="icon"
              className="size-9"
              onClick={onPause}
              data-testid="upload-pause"
            >
              <PauseIcon aria-hidden="true" />
              <span className="sr-only">{t('pause', { name: u.name })}</span>
            </Button>
          ) : null}
          {canResume ? (
            <Button
              type="button"
              variant="ghost"
              size="icon"
              className="size-9"
              onClick={onResume}
              data-testid="upload-resume"
            >
              {u.status === 'failed' ? <RotateCcwIcon aria-hidden="true" /> : <PlayIcon aria-hidden="true" />}
              <span className="sr-only">
                {t(u.status === 'failed' ? 'retry' : 'resume', { name: u.name })}
              </span>
            </Button>
          ) : null}
          {canCancel ? (
            <Button
              type="button"
              variant="ghost"
              size="icon"
              className="size-9"
              onClick={onCancel}
              data-testid="upload-cancel"
            >
              <XIcon aria-hidden="true" />
              <span className="sr-only">{t('cancel', { name: u.name })}</span>
            </Button>
          ) : null}
        </div>
      </div>
      <ProgressBar
        value={u.status === 'done' ? 100 : pct}
        label={t('progressOf', { name: u.name })}
        tone={bad ? 'danger' : u.status === 'paused' || u.status === 'canceled' ? 'muted' : 'default'}
        testId="upload-progress"
      />
    </li>
  );
}
