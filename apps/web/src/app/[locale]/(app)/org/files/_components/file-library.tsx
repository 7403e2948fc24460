'use client';

import type { FileListResponse, FileUsage, FileView } from '@repo/contracts';
import { Loader2Icon } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useEffect, useId, useState } from 'react';
import { toast } from 'sonner';
import { FormAlert } from '@/components/form/form-alert';
import { ListSearch, LoadMore } from '@/components/form/list-controls';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { ProgressBar } from '@/components/ui/progress';
import { FILE_SORTS, type FileSort, filesApi } from '@/lib/api/files';
import { usePagedList } from '@/lib/forms/use-paged-list';
import { useRowActions } from '@/lib/forms/use-row-actions';
import { datesFor } from '@/lib/i18n/dates';
import { percent } from '@/lib/uploads/plan';
import { orgFileTransport } from '@/lib/uploads/transports';
import { useBytes, useUploadErrorText } from '@/lib/uploads/use-file-text';
import { type UploadView, useUploads } from '@/lib/uploads/use-uploads';
import { DeleteDialog, PreviewDialog, RenameDialog } from './file-dialogs';
import { FileRow } from './file-row';
import { type AfterUpload, UploadArea } from './upload-area';

type Sort = FileSort;
type Query = { q: string; sort: Sort };

const PAGE = 24;

/** Polls a completed upload until the worker has checked it (ready or rejected), for at most ~2 min. */
async function settle(orgId: string, fileId: string): Promise<FileView | null> {
  for (let delay = 500, waited = 0; waited < 120_000; waited += delay, delay = Math.min(delay * 1.5, 4_000)) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const { file } = await filesApi.get(orgId, fileId).catch(() => ({ file: null }));
    if (file && (file.status === 'ready' || file.status === 'rejected' || file.status === 'deleted'))
      return file;
  }
  return null;
}

/**
 * The organization's file library: uploads (drop zone, progress, pause/resume/cancel, and resume of
 * an upload a reload interrupted), the storage used against the quota, and the ready files with
 * search, sort, "load more", preview, download, rename and delete.
 */
export function FileLibrary({
  orgId,
  canWrite,
  canManage,
  myUserId,
  initial,
  timeZone,
}: {
  orgId: string;
  /** Upload, and rename or delete one's own files (files:write). */
  canWrite: boolean;
  /** Rename or delete anyone's files (files:manage). */
  canManage: boolean;
  myUserId: string;
  initial: FileListResponse;
  timeZone: string;
}) {
  const t = useTranslations('Files');
  const format = useFormatter();
  const dates = datesFor(format, timeZone);
  const bytes = useBytes();
  const uploadText = useUploadErrorText();
  const sortId = useId();
  const { busy, error, setError, run } = useRowActions();
  const [usage, setUsage] = useState<FileUsage>(initial.usage);
  const [after, setAfter] = useState<Record<string, AfterUpload>>({});
  const [interrupted, setInterrupted] = useState<FileView[]>([]);
  const [preview, setPreview] = useState<FileView | null>(null);
  const [renaming, setRenaming] = useState<FileView | null>(null);
  const [deleting, setDeleting] = useState<FileView | null>(null);
  const { items, setItems, nextCursor, applied, loading, reload, more } = usePagedList<FileView, Query>({
    initial: { items: initial.files, nextCursor: initial.nextCursor },
    initialQuery: { q: '', sort: 'createdAt:desc' },
    fetchPage: async (query, cursor) => {
      const page = await filesApi.list(orgId, { ...query, cursor, limit: PAGE });
      setUsage(page.usage);
      return { items: page.files, nextCursor: page.nextCursor };
    },
    setError,
  });

  const refreshUsage = useCallback(() => {
    filesApi.usage(orgId).then(setUsage, () => undefined);
  }, [orgId]);

  // Uploads a reload (or a closed tab) cut short: picking the same file again resumes them.
  const loadInterrupted = useCallback(() => {
    if (!canWrite) return;
    filesApi.pending(orgId).then(
      (answer) => setInterrupted(answer.files),
      () => undefined,
    );
  }, [orgId, canWrite]);
  useEffect(loadInterrupted, [loadInterrupted]);

  const onSettled = useCallback(
    async (upload: UploadView<FileView>) => {
      if (upload.status === 'failed') {
        toast.error(t('failedToast', { name: upload.name, reason: uploadText.error(upload.error) }));
        return;
      }
      if (upload.status !== 'done' || !upload.fileId) return;
      setInterrupted((list) => list.filter((f) => f.id !== upload.fileId));
      setAfter((map) => ({ ...map, [upload.id]: { phase: 'processing' } }));
      const file = await settle(orgId, upload.fileId);
      if (file?.status === 'ready') {
        setAfter((map) => ({ ...map, [upload.id]: { phase: 'ready' } }));
        setItems((list) => [file, ...list.filter((f) => f.id !== file.id)]);
        toast.success(t('uploadedToast', { name: file.name }));
      } else if (file?.status === 'rejected') {
        const reason = uploadText.rejected(file.rejectReason);
        setAfter((map) => ({ ...map, [upload.id]: { phase: 'rejected', reason } }));
        toast.error(t('rejectedToast', { name: file.name, reason }));
      }
      refreshUsage();
    },
    [orgId, t, uploadText, setItems, refreshUsage],
  );
  const uploads = useUploads<FileView>({
    transport: (taken) => orgFileTransport(orgId, 'org_file', taken),
    onSettled,
  });

  const download = (file: FileView) =>
    run(file.id, async () => {
      const { url } = await filesApi.download(orgId, file.id, { disposition: 'attachment' });
      // The signed URL answers with Content-Disposition: attachment: the page stays where it is.
      window.location.assign(url);
    });

  const remove = (file: FileView) =>
    run(file.id, async () => {
      await filesApi.remove(orgId, file.id);
      setItems((list) => list.filter((f) => f.id !== file.id));
      toast.success(t('delete.done', { name: file.name }));
      refreshUsage();
    });

  const used = percent(usage.usedBytes, usage.quotaBytes);
  const searching = applied.q.trim() !== '';
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-1.5" data-testid="files-usage">
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm">
          <span className="font-medium">{t('usage.label')}</span>
          <span className="text-muted-foreground">
            {t('usage.value', { used: bytes(usage.usedBytes), quota: bytes(usage.quotaBytes) })}
          </span>
        </div>
        <ProgressBar
          role="meter"
          value={used}
          label={t('usage.label')}
          valueText={t('usage.value', { used: bytes(usage.usedBytes), quota: bytes(usage.quotaBytes) })}
          tone={used >= 95 ? 'danger' : used >= 80 ? 'warning' : 'default'}
        />
      </div>

      {canWrite ? (
        <>
          <UploadArea
            uploads={uploads.uploads}
            after={after}
            errorOf={(u) => uploadText.error(u.error)}
            onFiles={(files) => void uploads.add(files)}
            onPause={uploads.pause}
            onResume={uploads.resume}
            onCancel={uploads.cancel}
            onClear={uploads.clearFinished}
          />
          {interrupted.filter((f) => !uploads.uploads.some((u) => u.fileId === f.id)).length > 0 ? (
            <section
              className="flex flex-col gap-2 rounded-lg border border-dashed p-3"
              data-testid="interrupted-uploads"
            >
              <h2 className="font-medium text-sm">{t('interrupted.title')}</h2>
              <p className="text-muted-foreground text-sm">{t('interrupted.body')}</p>
              <ul className="flex flex-col gap-1 text-sm">
                {interrupted
                  .filter((f) => !uploads.uploads.some((u) => u.fileId === f.id))
                  .map((f) => (
                    <li key={f.id} className="flex items-center justify-between gap-2">
                      <span className="min-w-0 truncate">
                        <bdi>{f.name}</bdi> · {bytes(f.size)}
                      </span>
                      <button
                        type="button"
                        className="shrink-0 rounded-sm text-muted-foreground text-xs underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
                        onClick={() =>
                          void filesApi.abort(orgId, f.id).then(loadInterrupted, () => undefined)
                        }
                      >
                        {t('interrupted.discard')}
                        <span className="sr-only"> {f.name}</span>
                      </button>
                    </li>
                  ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : (
        <p className="text-muted-foreground text-sm">{t('readOnly')}</p>
      )}

      <section aria-labelledby="files-list-title" className="flex flex-col gap-4" data-testid="files-list">
        <h2 id="files-list-title" className="font-semibold text-lg tracking-tight">
          {t('list.title')}
        </h2>
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-56 flex-1">
            <ListSearch
              label={t('list.search')}
              submitLabel={t('list.searchSubmit')}
              busy={loading !== null}
              searching={loading === 'reload'}
              onSearch={(q) => void reload({ ...applied, q })}
              testId="files-search"
            />
          </div>
          <div className="flex w-full flex-col gap-2 sm:w-56">
            <Label htmlFor={sortId}>{t('list.sort')}</Label>
            <NativeSelect
              id={sortId}
              value={applied.sort}
              disabled={loading !== null}
              onChange={(e) => void reload({ ...applied, sort: e.target.value as Sort })}
              data-testid="files-sort"
            >
              {FILE_SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`list.sorts.${s.replace(':', '_') as 'createdAt_desc'}`)}
                </option>
              ))}
            </NativeSelect>
          </div>
        </div>
        {error ? <FormAlert>{error}</FormAlert> : null}
        {loading === 'reload' ? (
          <p className="flex items-center gap-2 text-muted-foreground text-sm" role="status">
            <Loader2Icon aria-hidden="true" className="size-4 animate-spin" />
            {t('list.loading')}
          </p>
        ) : items.length === 0 ? (
          <p
            className="rounded-lg border border-dashed p-6 text-center text-muted-foreground text-sm"
            data-testid="files-empty"
          >
            {searching
              ? t('list.emptySearch', { q: applied.q })
              : canWrite
                ? t('list.empty')
                : t('list.emptyReadOnly')}
          </p>
        ) : (
          <ul className="flex flex-col divide-y" aria-labelledby="files-list-title">
            {items.map((file) => (
              <FileRow
                key={file.id}
                orgId={orgId}
                file={file}
                when={dates.dateTime(file.readyAt ?? file.createdAt)}
                canEdit={canManage || (canWrite && file.uploadedBy?.id === myUserId)}
                busy={busy === file.id}
                onPreview={() => setPreview(file)}
                onDownload={() => void download(file)}
                onRename={() => setRenaming(file)}
                onDelete={() => setDeleting(file)}
              />
            ))}
          </ul>
        )}
        {nextCursor && loading !== 'reload' ? (
          <LoadMore
            label={t('list.loadMore')}
            busy={loading !== null}
            loading={loading === 'more'}
            onClick={() => void more()}
            testId="files-load-more"
          />
        ) : null}
      </section>

      <PreviewDialog orgId={orgId} file={preview} onOpenChange={(open) => !open && setPreview(null)} />
      <RenameDialog
        orgId={orgId}
        file={renaming}
        onOpenChange={(open) => !open && setRenaming(null)}
        onRenamed={(file) => {
          setItems((list) => list.map((f) => (f.id === file.id ? file : f)));
          setRenaming(null);
          toast.success(t('rename.done', { name: file.name }));
        }}
      />
      <DeleteDialog
        file={deleting}
        onOpenChange={(open) => !open && setDeleting(null)}
        onConfirm={(file) => {
          setDeleting(null);
          void remove(file);
        }}
      />
    </div>
  );
}
