import type { MailMessage } from '@repo/devstack';

/** A message as the dev mail catcher's JSON API returns it. */
export type CaughtMail = MailMessage;

export interface MailFilter {
  to: string;
  /** Exact subject, or a pattern it must match. */
  subject?: string | RegExp;
}

function inboxUrl(): string {
  const url = process.env.MAIL_INBOX_URL;
  if (!url) {
    throw new Error(
      'MAIL_INBOX_URL is not set: mail goes to a real SMTP server (SMTP_URL), which has no inbox API to read from.',
    );
  }
  return url.replace(/\/+$/, '');
}

const matches = (mail: CaughtMail, subject: MailFilter['subject']) =>
  subject === undefined ||
  (typeof subject === 'string' ? mail.subject === subject : subject.test(mail.subject));

async function request(path: string, init?: RequestInit): Promise<Response> {
  const res = await fetch(`${inboxUrl()}${path}`, init);
  if (!res.ok) throw new Error(`mail inbox: ${init?.method ?? 'GET'} ${path} answered ${res.status}`);
  return res;
}

/** Reads the devstack mail catcher. Filter by recipient: other workers send mail at the same time. */
export const mailbox = {
  async list(filter: { to?: string } = {}): Promise<CaughtMail[]> {
    const query = filter.to ? `?to=${encodeURIComponent(filter.to)}` : '';
    return (await (await request(`/api/messages${query}`)).json()) as CaughtMail[];
  },

  /** Newest message to `to` (and matching `subject`), polling until it arrives. */
  async waitForMail(filter: MailFilter, timeoutMs = 10_000): Promise<CaughtMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await mailbox.list({ to: filter.to })).find((m) => matches(m, filter.subject));
      if (found) return found;
      if (Date.now() >= deadline) {
        const subject = filter.subject === undefined ? '' : ` with subject ${String(filter.subject)}`;
        throw new Error(`No mail to ${filter.to}${subject} arrived within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  },

  /** Deletes caught mail: only `to`'s when given (the safe choice with parallel workers), else all. */
  async clear(filter: { to?: string } = {}): Promise<void> {
    const query = filter.to ? `?to=${encodeURIComponent(filter.to)}` : '';
    await request(`/api/messages${query}`, { method: 'DELETE' });
  },
};
