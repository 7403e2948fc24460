import type { EmailJob, EmailTemplate } from '@repo/contracts';
import { render } from '@repo/email';
import type { Logger } from '@repo/observability';
import { parseEmailJob } from '@repo/queue';
import { type Job, UnrecoverableError } from 'bullmq';
import nodemailer, { type Transporter } from 'nodemailer';

export interface EmailProcessorDeps {
  transport: Transporter;
  /** RFC 5322 From, e.g. `Groundwork <no-reply@groundwork.local>` (MAIL_FROM). */
  from: string;
  appUrl: string;
  clock: () => Date;
  logger: Logger;
}

export type EmailResult =
  | { status: 'sent'; messageId: string; template: EmailTemplate }
  | { status: 'dropped'; reason: 'expired'; template: EmailTemplate };

/** SMTP transport from SMTP_URL (`smtp://user:pass@host:port`, `smtps://` for implicit TLS). */
export function createSmtpTransport(url: string): Transporter {
  // Bounded timeouts: a hung SMTP server must fail the attempt (and be retried), not stall a slot.
  return nodemailer.createTransport(url, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as nodemailer.TransportOptions);
}

/** Domain for Message-IDs: the From address's domain keeps them unique per sender. */
export function messageIdDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'groundwork.local';
}

/**
 * Processor for the `email` queue. Deterministic Message-ID and X-Entity-Ref-ID from the job id:
 * if the worker crashes after the SMTP server accepted the mail but before the job completed,
 * the retry sends a mail with the same Message-ID, which receiving systems (and we, in the
 * catcher) recognise as the same message rather than a second one.
 */
export function createEmailProcessor(deps: EmailProcessorDeps) {
  const domain = messageIdDomain(deps.from);
  return async function processEmail(job: Job): Promise<EmailResult> {
    const data = parseJob(job.data);
    const log = deps.logger.child({ jobId: job.id, template: data.template, attempt: job.attemptsMade + 1 });

    if (data.notAfter && new Date(data.notAfter).getTime() <= deps.clock().getTime()) {
      // E.g. a verification link that has expired by the time the queue drained: mailing it helps nobody.
      log.info({ notAfter: data.notAfter }, 'email dropped: past notAfter');
      return { status: 'dropped', reason: 'expired', template: data.template };
    }

    const mail = await render(data.template, data.props, data.locale, { appUrl: deps.appUrl });
    const messageId = `<${job.id}@${domain}>`;
    // SMTP errors propagate: BullMQ records the failure and retries with backoff.
    await deps.transport.sendMail({
      from: deps.from,
      to: data.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      messageId,
      headers: { 'X-Entity-Ref-ID': String(job.id) },
    });
    log.info('email sent');
    return { status: 'sent', messageId, template: data.template };
  };
}

/** Data that fails validation can never succeed: fail the job at once instead of retrying 8 times. */
function parseJob(raw: unknown): EmailJob {
  try {
    return parseEmailJob(raw);
  } catch (error) {
    throw new UnrecoverableError(
      `invalid email job: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
