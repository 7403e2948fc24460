import type { SeedOutcome } from './database';
import { paint } from './output';

export interface StackUrls {
  webUrl: string;
  apiUrl: string;
  apiReferenceUrl: string;
  workerHealthUrl: string;
  mailInboxUrl: string;
  webhookReceiverUrl: string;
  databaseUrl: string;
  redisUrl: string;
  s3Endpoint: string;
  smtpUrl: string;
  logins: SeedOutcome['logins'];
  seedNotice?: string;
}

export function banner(urls: StackUrls, mode: 'dev' | 'start'): string {
  const row = (label: string, value: string) =>
    `  ${label.padEnd(15)}${value || paint('gray', '(not configured)')}`;
  const lines = [
    '',
    paint(
      'bold',
      paint(
        'green',
        `  Groundwork is running (${mode === 'dev' ? 'development, watching for changes' : 'production build'})`,
      ),
    ),
    '',
    row('Web', paint('cyan', urls.webUrl)),
    row('API', urls.apiUrl),
    row('API reference', urls.apiReferenceUrl),
    row('Mail inbox', urls.mailInboxUrl),
    row('Webhooks inbox', urls.webhookReceiverUrl),
    row('Worker health', urls.workerHealthUrl),
    row('PostgreSQL', urls.databaseUrl),
    row('Redis', urls.redisUrl),
    row('S3', urls.s3Endpoint),
    row('SMTP', urls.smtpUrl),
  ];
  if (urls.logins.length > 0) {
    lines.push('', '  Demo logins (from prisma/seed.ts):');
    for (const login of urls.logins) {
      lines.push(
        `    ${login.role.padEnd(8)} ${login.email}${login.password ? `  /  ${login.password}` : ''}`,
      );
    }
  }
  if (urls.seedNotice) lines.push(paint('gray', `  ${urls.seedNotice}`));
  lines.push('', paint('gray', '  Press Ctrl-C to stop.'), '');
  return lines.join('\n');
}
