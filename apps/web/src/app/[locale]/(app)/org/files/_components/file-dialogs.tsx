'use client';

import type { FileView } from '@repo/contracts';
import { ExternalLinkIcon, Loader2Icon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { filesApi } from '@/lib/api/files';
import { useErrorText } from '@/lib/forms/error-text';

/**
 * A look at an image or a PDF without downloading it: a short-lived signed URL the API grants
 * `inline` only for types on its allow-list (never SVG or HTML), shown in an <img> or, for a PDF,
 * the browser's own viewer in an <iframe>.
 */
export function PreviewDialog({
  orgId,
  file,
  onOpenChange,
}: {
  orgId: string;
  file: FileView | null;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations('Files.preview');
  const [state, setState] = useState<{ id: string; url: string | null; failed: boolean } | null>(null);
  useEffect(() => {
    if (!file) return;
    let live = true;
    setState({ id: file.id, url: null, failed: false });
    filesApi
      .download(orgId, file.id, { disposition: 'inline' })
      .then((answer) => {
        // A type the API would only serve as an attachment has nothing to show here.
        if (live)
          setState({
            id: file.id,
            url: answer.disposition === 'inline' ? answer.url : null,
            failed: answer.disposition !== 'inline',
          });
      })
      .catch(() => {
        if (live) setState({ id: file.id, url: null, failed: true });
      });
    return () => {
      live = false;
    };
  }, [orgId, file]);
  const current = state?.id === file?.id ? state : null;
  const pdf = file?.contentType === 'application/pdf';
  return (
    <Dialog open={file !== null} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t('close')} className="max-w-3xl" data-testid="preview-dialog">
        <DialogHeader>
          <DialogTitle className="truncate pe-8">
            <bdi>{file?.name}</bdi>
          </DialogTitle>
          <DialogDescription>{pdf ? t('pdfLead') : t('imageLead')}</DialogDescription>
        </DialogHeader>
        <div className="flex min-h-48 items-center justify-center overflow-hidden rounded-md border bg-muted/40">
          {current?.url ? (
            pdf ? (
              <iframe
                title={file?.name ?? ''}
                src={current.url}
                className="h-[70dvh] w-full"
                data-testid="preview-pdf"
              />
            ) : (
              // biome-ignore lint/performance/noImgElement: a short-lived signed URL of a private object
              <img
                src={current.url}
                alt={t('imageAlt', { name: file?.name ?? '' })}
                className="max-h-[70dvh] w-auto max-w-full object-contain"
                data-testid="preview-image"
              />
            )
          ) : current?.failed ? (
            <p className="p-6 text-muted-foreground text-sm">{t('failed')}</p>
          ) : (
            <Loader2Icon aria-label={t('loading')} className="size-6 animate-spin text-muted-foreground" />
          )}
        </div>
        {current?.url ? (
          <DialogFooter>
            <Button variant="outline" asChild>
              <a href={current.url} target="_blank" rel="noopener noreferrer">
                <ExternalLinkIcon aria-hidden="true" className="rtl:-scale-x-100" />
                {t('open')}
              </a>
            </Button>
          </DialogFooter>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

/** A new display name (the API sanitizes it the same way as an uploaded file's name). */
export function RenameDialog({
  orgId,
  file,
  onOpenChange,
  onRenamed,
}: {
  orgId: string;
  file: FileView | null;
  onOpenChange: (open: boolean) => void;
  onRenamed: (file: FileView) => void;
}) {
  const t = useTranslations('Files.rename');
  const errorText = useErrorText();
  const id = useId();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setName(file?.name ?? '');
    setError(null);
  }, [file]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file || !name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await filesApi.rename(orgId, file.id, name.trim());
      onRenamed(answer.file);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={file !== null} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t('cancel')} data-testid="rename-dialog">
        <form onSubmit={submit} className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>{t('title')}</DialogTitle>
            <DialogDescription>{t('lead')}</DialogDescription>
          </DialogHeader>
          {error ? <FormAlert>{error}</FormAlert> : null}
          <div className="flex flex-col gap-2">
            <Label htmlFor={id}>{t('label')}</Label>
            <Input
              id={id}
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={255}
              required
              dir="auto"
              autoComplete="off"
            />
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              {t('cancel')}
            </Button>
            <Button type="submit" disabled={busy || !name.trim()}>
              {busy ? <Loader2Icon aria-hidden="true" className="animate-spin" /> : null}
              {t('save')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** "Delete this file?": the file leaves the library for everyone at once. */
export function DeleteDialog({
  file,
  onOpenChange,
  onConfirm,
}: {
  file: FileView | null;
  onOpenChange: (open: boolean) => void;
  onConfirm: (file: FileView) => void;
}) {
  const t = useTranslations('Files.delete');
  return (
    <AlertDialog open={file !== null} onOpenChange={onOpenChange}>
      <AlertDialogContent data-testid="delete-dialog">
        <div className="flex flex-col gap-1.5 text-start">
          <AlertDialogTitle className="break-words">
            {t('title', { name: file?.name ?? '' })}
          </AlertDialogTitle>
          <AlertDialogDescription>{t('body')}</AlertDialogDescription>
        </div>
        <AlertDialogFooter>
          <AlertDialogCancel>{t('cancel')}</AlertDialogCancel>
          <AlertDialogAction onClick={() => file && onConfirm(file)} data-testid="delete-confirm">
            {t('confirm')}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
