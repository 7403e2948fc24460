'use client';

import type { FileView } from '@repo/contracts';
import {
  DownloadIcon,
  EyeIcon,
  FileArchiveIcon,
  FileAudioIcon,
  FileIcon,
  FileImageIcon,
  FileTextIcon,
  FileVideoIcon,
  MoreHorizontalIcon,
  PencilIcon,
  Trash2Icon,
} from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { localeDirection } from '@/i18n/routing';
import { filesApi } from '@/lib/api/files';
import { type FileKind, fileKind, previewable } from '@/lib/uploads/bytes';
import { useBytes } from '@/lib/uploads/use-file-text';

const ICONS: Record<FileKind, typeof FileIcon> = {
  image: FileImageIcon,
  pdf: FileTextIcon,
  video: FileVideoIcon,
  audio: FileAudioIcon,
  text: FileTextIcon,
  archive: FileArchiveIcon,
  other: FileIcon,
};

/** The worker's WebP thumbnail of an image, on a short-lived signed URL; a type icon otherwise. */
function Thumb({ orgId, file }: { orgId: string; file: FileView }) {
  const [url, setUrl] = useState<string | null>(null);
  const hasThumb = file.variants.includes('thumb');
  useEffect(() => {
    if (!hasThumb) return;
    let live = true;
    filesApi
      .download(orgId, file.id, { variant: 'thumb', disposition: 'inline' })
      .then((answer) => {
        if (live) setUrl(answer.url);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [orgId, file.id, hasThumb]);
  const kind = fileKind(file.contentType);
  const Icon = ICONS[kind];
  if (url) {
    return (
      // biome-ignore lint/performance/noImgElement: a short-lived signed URL of a private object; next/image would cache it publicly
      <img
        src={url}
        alt=""
        width={40}
        height={40}
        className="size-10 shrink-0 rounded-md border bg-secondary object-cover"
        data-testid="file-thumb"
      />
    );
  }
  return (
    <span
      className="flex size-10 shrink-0 items-center justify-center rounded-md border bg-secondary text-secondary-foreground"
      data-testid="file-icon"
      data-kind={kind}
    >
      <Icon aria-hidden="true" className="size-5" />
    </span>
  );
}

/** One file of the library: thumbnail or icon, name, size and who uploaded it when, and its actions. */
export function FileRow({
  orgId,
  file,
  when,
  canEdit,
  busy,
  onPreview,
  onDownload,
  onRename,
  onDelete,
}: {
  orgId: string;
  file: FileView;
  when: string;
  /** Rename and delete: the caller's own file, or anyone's with files:manage. */
  canEdit: boolean;
  busy: boolean;
  onPreview: () => void;
  onDownload: () => void;
  onRename: () => void;
  onDelete: () => void;
}) {
  const t = useTranslations('Files');
  const locale = useLocale();
  const bytes = useBytes();
  return (
    <li className="flex items-center gap-3 py-3" data-testid="file-row" data-file-id={file.id}>
      <Thumb orgId={orgId} file={file} />
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium text-sm" title={file.name} data-testid="file-name">
          <bdi>{file.name}</bdi>
        </p>
        <p className="break-words text-muted-foreground text-xs">
          {bytes(file.size)} · {when}
          {file.uploadedBy ? (
            <>
              {' · '}
              <bdi>{file.uploadedBy.name}</bdi>
            </>
          ) : null}
        </p>
      </div>
      <div className="flex shrink-0 items-center gap-0.5">
        {previewable(file.contentType) ? (
          <Button
            variant="ghost"
            size="icon"
            className="size-9"
            onClick={onPreview}
            data-testid="file-preview"
          >
            <EyeIcon aria-hidden="true" />
            <span className="sr-only">{t('actions.preview', { name: file.name })}</span>
          </Button>
        ) : null}
        <Button
          variant="ghost"
          size="icon"
          className="size-9"
          onClick={onDownload}
          disabled={busy}
          data-testid="file-download"
        >
          <DownloadIcon aria-hidden="true" />
          <span className="sr-only">{t('actions.download', { name: file.name })}</span>
        </Button>
        {canEdit ? (
          // Not modal: the rename and delete dialogs open from its items.
          <DropdownMenu dir={localeDirection(locale)} modal={false}>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="icon" className="size-9" disabled={busy} data-testid="file-more">
                <MoreHorizontalIcon aria-hidden="true" />
                <span className="sr-only">{t('actions.more', { name: file.name })}</span>
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              <DropdownMenuItem onSelect={onRename} data-testid="file-rename">
                <PencilIcon aria-hidden="true" />
                {t('actions.rename')}
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={onDelete} className="text-destructive" data-testid="file-delete">
                <Trash2Icon aria-hidden="true" />
                {t('actions.delete')}
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
        ) : null}
      </div>
    </li>
  );
}
