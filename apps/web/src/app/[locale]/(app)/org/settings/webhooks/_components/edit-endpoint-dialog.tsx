'use client';

import type { WebhookEndpoint } from '@repo/contracts';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { updateWebhookEndpoint } from '@/lib/api/webhooks';
import { EndpointForm } from './endpoint-form';

/** "Edit": the endpoint form, filled in, in a dialog. */
export function EditEndpointDialog({
  orgId,
  endpoint,
  eventTypes,
  disabled,
  onSaved,
}: {
  orgId: string;
  endpoint: WebhookEndpoint;
  eventTypes: readonly string[];
  disabled: boolean;
  onSaved: (endpoint: WebhookEndpoint) => void;
}) {
  const t = useTranslations('Webhooks.edit');
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" disabled={disabled} data-testid="webhook-edit">
          {t('open')}
        </Button>
      </DialogTrigger>
      <DialogContent
        closeLabel={t('cancel')}
        className="max-h-[90dvh] max-w-lg overflow-y-auto"
        data-testid="webhook-edit-dialog"
      >
        <DialogHeader>
          <DialogTitle>{t('title')}</DialogTitle>
          <DialogDescription>{t('description')}</DialogDescription>
        </DialogHeader>
        <EndpointForm
          eventTypes={eventTypes}
          initial={endpoint}
          submitLabel={t('submit')}
          pendingLabel={t('submitting')}
          onCancel={() => setOpen(false)}
          onSubmit={async (values) => {
            onSaved(await updateWebhookEndpoint(orgId, endpoint.id, values));
            setOpen(false);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
