'use client';

import { MetaResponse } from '@repo/contracts';
import { type ReactNode, useEffect, useState } from 'react';
import { api } from '@/lib/api/client';

/**
 * Shows its children (the waitlist section) only when the API runs with WAITLIST_ENABLED, which
 * GET /v1/meta reports. The home page is static HTML built once, so the switch is read at run
 * time in the browser; until the answer arrives (or when it fails) there is no waitlist.
 */
export function WaitlistGate({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    api
      .get('/meta', { schema: MetaResponse, signal: controller.signal })
      .then((meta) => setOpen(meta.features.waitlist))
      .catch(() => setOpen(false));
    return () => controller.abort();
  }, []);
  return open ? children : null;
}
