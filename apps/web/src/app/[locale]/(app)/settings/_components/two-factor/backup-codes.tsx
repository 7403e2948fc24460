'use client';

import { CopyIcon, DownloadIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { Button } from '@/components/ui/button';

/** The ten backup codes, shown once (the API keeps only hashes): copy, download, then done. */
export function BackupCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useTranslations('TwoFactor.backup');
  const [copied, setCopied] = useState(false);
  const text = `${codes.join('\n')}\n`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'backup-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="flex flex-col gap-4" data-testid="backup-codes-panel">
      <FormAlert variant="success">{t('saveNow')}</FormAlert>
      <ul
        className="grid grid-cols-2 gap-2 rounded-lg border bg-muted/40 p-4 font-mono text-sm sm:grid-cols-2"
        dir="ltr"
        aria-label={t('listLabel')}
        data-testid="backup-codes"
      >
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" size="sm" onClick={copy}>
          <CopyIcon aria-hidden="true" />
          {t('copy')}
        </Button>
        <Button type="button" variant="outline" size="sm" onClick={download}>
          <DownloadIcon aria-hidden="true" />
          {t('download')}
        </Button>
        <Button type="button" size="sm" onClick={onDone} data-testid="backup-codes-done">
          {t('done')}
        </Button>
      </div>
      <p role="status" className="text-muted-foreground text-sm">
        {copied ? t('copied') : null}
      </p>
    </div>
  );
}
