import { SMTPServer } from 'smtp-server';
import type { MailStore } from './store';

/** A catch-all SMTP server: no TLS, any (or no) credentials, every recipient accepted. */
export function createSmtpServer(store: MailStore, log: (line: string) => void): SMTPServer {
  return new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    // Apps configured with SMTP credentials (as in production) must work against the catcher too.
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
    logger: false,
    // Pooled app connections would otherwise hold stop() for the 30 s default.
    closeTimeout: 1000,
    banner: 'Groundwork mail catcher',
    size: 25 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        store.add(Buffer.concat(chunks), to).then(
          () => callback(),
          (error: unknown) => {
            log(`mail: could not store a message: ${String(error)}`);
            callback(error as Error);
          },
        );
      });
    },
  });
}
