'use client';

import { PlusIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { type CreatedWebhookEndpointResponse, createWebhookEndpoint } from '@/lib/api/webhooks';
import { EndpointForm } from './endpoint-form';

/** "Add endpoint": the endpoint form in a dialog; the new secret is shown by the page. */
export function CreateEndpointDialog({
  orgId,
  eventTypes,
  disabled,
  onCreated,
}: {
  orgId: string;
  eventTypes: readonly string[];
  /** Until the list and the catalog have loaded. */
  disabled: boolean;
  onCreated: (answer: CreatedWebhookEndpointResponse) => void;
}) {
  const t = useTranslations('Webhooks.create');
  const [open, setOpen] = useState(false);
  // Closed because an endpoint was created: the secret panel takes focus, not the trigger.
  const created = useRef(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" disabled={disabled} data-testid="webhook-create">
          <PlusIcon aria-hidden="true" />
          {t('open')}
        </Button>
      </DialogTrigger>
      <DialogContent
        closeLabel={t('cancel')}
        className="max-h-[90dvh] max-w-lg overflow-y-auto"
        data-testid="webhook-create-dialog"
        onCloseAutoFocus={(event) => {
          if (created.current) event.preventDefault();
          created.current = false;
        }}
      >
        <DialogHeader>
          <DialogTitle>{t('title')}</DialogTitle>
          <DialogDescription>{t('description')}</DialogDescription>
        </DialogHeader>
        <EndpointForm
          eventTypes={eventTypes}
          submitLabel={t('submit')}
          pendingLabel={t('submitting')}
          onCancel={() => setOpen(false)}
          onSubmit={async (values) => {
            const answer = await createWebhookEndpoint(orgId, values);
            created.current = true;
            onCreated(answer);
            setOpen(false);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
