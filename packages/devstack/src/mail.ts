import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInboxServer } from './mail/http';
import { createSmtpServer } from './mail/smtp';
import { MailStore } from './mail/store';
import { DevstackError, type RunningService } from './types';

export type { MailMessage } from './mail/store';

function listen(server: Server, port: number, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (cause: Error) =>
      reject(new DevstackError(`${what} could not listen on 127.0.0.1:${port}: ${cause.message}`, { cause }));
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

/** SMTP catcher + inbox web page/JSON API. `dir` (dev only) keeps messages across restarts. */
export async function startMail(opts: {
  dir: string | undefined;
  smtpPort: number;
  inboxPort: number;
  log: (line: string) => void;
}): Promise<RunningService> {
  const store = new MailStore(opts.dir);
  await store.load();
  const smtp = createSmtpServer(store, opts.log);
  smtp.on('error', (error) => opts.log(`mail: SMTP error: ${error.message}`));
  const http = createInboxServer(store, opts.log);

  // smtp-server exposes its net.Server; listening through it gives us the bound port.
  const smtpPort = await listen(smtp.server as unknown as Server, opts.smtpPort, 'SMTP catcher');
  let inboxPort: number;
  try {
    inboxPort = await listen(http, opts.inboxPort, 'Mail inbox');
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw error;
  }
  const inboxUrl = `http://127.0.0.1:${inboxPort}`;
  return {
    name: 'mail',
    url: inboxUrl,
    env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_INBOX_URL: inboxUrl },
    async stop() {
      await close(http);
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}
