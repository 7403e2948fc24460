import { type EmailJob, OutboxEventType } from '@repo/contracts';
import { parseEmailJob } from '@repo/queue';
import { describe, expect, it } from 'vitest';
import { relayRetryDelayMs } from './relay';
import { jobIdFor, jobsForEvent, UnroutableEventError } from './routes';

const ctx = { id: '0190c8a4-0000-7000-8000-000000000001', createdAt: new Date() };
const user = { userId: 'u1', email: 'ada@example.com', locale: 'fr' as const };
const link = { token: 'tok', expiresAt: '2030-01-01T12:00:00.000Z' };
const origin = { device: 'Firefox on macOS', ip: '203.0.113.9', at: '2030-01-01T11:00:00.000Z' };

describe('jobsForEvent', () => {
  it('maps waitlist.joined to one localized welcome email', () => {
    const jobs = jobsForEvent(
      'waitlist.joined',
      { entryId: 'e', email: 'ada@example.com', locale: 'ar' },
      ctx,
    );
    expect(jobs).toEqual([
      {
        queue: 'email',
        name: 'waitlist-welcome',
        data: {
          template: 'waitlist-welcome',
          to: 'ada@example.com',
          locale: 'ar',
          props: { email: 'ada@example.com' },
        },
      },
    ]);
    expect(jobIdFor(ctx.id, jobs[0]!)).toBe(ctx.id);
  });

  it('rejects unknown types and payloads that break the contract', () => {
    expect(() => jobsForEvent('user.password_reset_requested', { ...user, token: 't' }, ctx)).toThrow(
      /invalid/,
    );
    expect(() => jobsForEvent('nope', {}, ctx)).toThrow(UnroutableEventError);
    expect(() => jobsForEvent('toString', {}, ctx)).toThrow(UnroutableEventError);
    expect(() => jobsForEvent('waitlist.joined', { email: 'ada@example.com' }, ctx)).toThrow(/invalid/);
  });

  it('suffixes the job id when an event fans out', () => {
    expect(jobIdFor('evt', { queue: 'email', name: 'x', data: {}, key: 'admin' })).toBe('evt-admin');
  });
});

/** Every event type, with a valid payload and the one email it must become. */
const cases: [OutboxEventType, Record<string, unknown>, Partial<EmailJob>][] = [
  [
    'user.verification_requested',
    { ...user, ...link, purpose: 'sign_up' },
    {
      template: 'verify-email',
      to: user.email,
      props: { email: user.email, ...link },
      notAfter: link.expiresAt,
    },
  ],
  [
    'user.verification_requested',
    { ...user, ...link, email: 'new@example.com', purpose: 'change_email' },
    {
      template: 'confirm-email-change',
      to: 'new@example.com',
      props: { email: 'new@example.com', ...link },
      notAfter: link.expiresAt,
    },
  ],
  [
    'user.sign_up_existing',
    { ...user },
    { template: 'account-exists', to: user.email, props: { email: user.email } },
  ],
  [
    'user.email_verified',
    { ...user, name: 'Ada' },
    { template: 'welcome', to: user.email, props: { name: 'Ada' } },
  ],
  [
    'user.password_reset_requested',
    { ...user, ...link },
    {
      template: 'reset-password',
      to: user.email,
      props: { email: user.email, ...link },
      notAfter: link.expiresAt,
    },
  ],
  [
    'user.password_changed',
    { ...user, ...origin },
    { template: 'password-changed', to: user.email, props: origin },
  ],
  [
    'user.email_changed',
    { ...user, newEmail: 'new@example.com' },
    // To the OLD address (the payload's email), naming the new one.
    { template: 'email-changed', to: user.email, props: { newEmail: 'new@example.com' } },
  ],
  [
    'user.locked',
    { ...user, ...link, lockedUntil: '2030-01-01T11:15:00.000Z' },
    {
      template: 'account-locked',
      to: user.email,
      props: { ...link, lockedUntil: '2030-01-01T11:15:00.000Z' },
      notAfter: link.expiresAt,
    },
  ],
  ['session.new_device', { ...user, ...origin }, { template: 'new-sign-in', to: user.email, props: origin }],
  [
    'session.token_reused',
    { ...user, ...origin },
    { template: 'suspicious-token-reuse', to: user.email, props: origin },
  ],
  [
    'user.two_factor_enabled',
    { ...user, ...origin },
    { template: 'two-factor-enabled', to: user.email, props: origin },
  ],
  [
    'user.two_factor_disabled',
    { ...user, ...origin },
    { template: 'two-factor-disabled', to: user.email, props: origin },
  ],
  [
    'user.backup_code_used',
    { ...user, ...origin, remaining: 7 },
    { template: 'backup-code-used', to: user.email, props: { ...origin, remaining: 7 } },
  ],
  [
    // The invitee may have no account: no userId, the address and locale come from the invitation.
    'org.invitation_sent',
    {
      invitationId: 'i1',
      email: 'new@example.com',
      locale: 'fr',
      ...link,
      organizationName: 'Acme',
      inviterName: null,
      role: 'admin',
    },
    {
      template: 'org-invitation',
      to: 'new@example.com',
      props: { ...link, organizationName: 'Acme', inviterName: null, role: 'admin' },
      notAfter: link.expiresAt,
    },
  ],
  [
    'org.member_role_changed',
    { ...user, organizationName: 'Acme', role: 'admin', previousRole: 'member', changedByName: 'Olivia' },
    {
      template: 'org-role-changed',
      to: user.email,
      props: { organizationName: 'Acme', role: 'admin', previousRole: 'member', changedByName: 'Olivia' },
    },
  ],
];

describe('identity event routes', () => {
  it("passes the user's time zone to time-showing templates, and none when unknown", () => {
    const [withZone] = jobsForEvent(
      'user.password_changed',
      { ...user, ...origin, timeZone: 'Europe/Paris' },
      ctx,
    );
    expect((withZone!.data as EmailJob).props).toEqual({ ...origin, timeZone: 'Europe/Paris' });
    const [reset] = jobsForEvent(
      'user.password_reset_requested',
      { ...user, ...link, timeZone: 'Asia/Tokyo' },
      ctx,
    );
    expect((reset!.data as EmailJob).props).toMatchObject({ timeZone: 'Asia/Tokyo' });
    const [withoutZone] = jobsForEvent('session.new_device', { ...user, ...origin }, ctx);
    expect((withoutZone!.data as EmailJob).props).not.toHaveProperty('timeZone');
  });

  it('covers every event type', () => {
    const webhookEvents = ['webhook.published', 'webhook.redelivery_requested', 'webhook.endpoint_disabled'];
    const covered = new Set([
      'waitlist.joined',
      'file.uploaded_pending_check',
      ...webhookEvents,
      ...cases.map(([type]) => type),
    ]);
    expect([...covered].sort()).toEqual([...OutboxEventType.options].sort());
  });

  it.each(cases)('%s → one email job', (type, payload, expected) => {
    const jobs = jobsForEvent(type, payload, ctx);
    expect(jobs).toHaveLength(1);
    const job = jobs[0]!;
    expect(job).toMatchObject({ queue: 'email', name: expected.template });
    expect(job.key).toBeUndefined();
    // toEqual: no extra prop (userId, ip of another event…) leaks into the job data.
    expect(job.data).toEqual({ locale: 'fr', ...expected });
    expect(parseEmailJob(job.data)).toEqual(job.data);
  });
});

describe('file event routes', () => {
  it('turns a completed upload into one verify job on the files queue', () => {
    const fileId = '0193a1b2-0000-7000-8000-00000000f001';
    const ctx = { id: '0193a1b2-0000-7000-8000-0000000000f2', createdAt: new Date() };
    const jobs = jobsForEvent('file.uploaded_pending_check', { fileId }, ctx);
    expect(jobs.map((j) => [j.queue, j.name, j.data])).toEqual([['files', 'verify', { fileId }]]);
  });
});

describe('webhook event routes', () => {
  const organizationId = '0193a1b2-0000-7000-8000-00000000a001';
  const eventCtx = { id: '0193a1b2-0000-7000-8000-0000000000e1', createdAt: new Date() };

  it('turns a published event into one fan-out job, keyed by the event', () => {
    const payload = {
      organizationId,
      type: 'member.added',
      timestamp: '2026-12-07T10:00:00.000Z',
      data: { member: { userId: organizationId, email: 'a@example.com', name: 'A', role: 'member' } },
    };
    const [job, ...rest] = jobsForEvent('webhook.published', payload, eventCtx);
    expect(rest).toHaveLength(0);
    expect(job).toMatchObject({
      queue: 'webhooks',
      name: 'fanout',
      data: { eventId: eventCtx.id, ...payload },
    });
    expect(job?.key).toBeUndefined();
  });

  it('turns a redelivery request into one delivery job per delivery, each with its own key', () => {
    const deliveryIds = ['0193a1b2-0000-7000-8000-0000000000d1', '0193a1b2-0000-7000-8000-0000000000d2'];
    const jobs = jobsForEvent('webhook.redelivery_requested', { organizationId, deliveryIds }, eventCtx);
    expect(jobs.map((j) => [j.name, j.key, j.data])).toEqual(
      deliveryIds.map((deliveryId) => ['deliver', deliveryId, { deliveryId, organizationId }]),
    );
    expect(new Set(jobs.map((j) => jobIdFor(eventCtx.id, j))).size).toBe(2);
  });

  it('mails every owner and admin when an endpoint is disabled, one job each', () => {
    const recipients = [
      { userId: 'u1', email: 'olivia@example.com', locale: 'en' as const },
      { userId: 'u2', email: 'adam@example.com', locale: 'fr' as const },
    ];
    const jobs = jobsForEvent(
      'webhook.endpoint_disabled',
      {
        organizationId,
        organizationName: 'Acme',
        endpointId: '0193a1b2-0000-7000-8000-0000000000f1',
        url: 'https://hooks.example.com/in',
        reason: 'gone',
        recipients,
      },
      eventCtx,
    );
    expect(jobs.map((j) => [j.key, (j.data as EmailJob).to, (j.data as EmailJob).locale])).toEqual([
      ['u1', 'olivia@example.com', 'en'],
      ['u2', 'adam@example.com', 'fr'],
    ]);
    const [first] = jobs;
    expect((first?.data as EmailJob | undefined)?.props).toEqual({
      organizationName: 'Acme',
      url: 'https://hooks.example.com/in',
      reason: 'gone',
    });
  });

  it('refuses an event type outside the catalog', () => {
    expect(() =>
      jobsForEvent(
        'webhook.published',
        { organizationId, type: 'member.joined', timestamp: '2026-12-07T10:00:00.000Z', data: {} },
        eventCtx,
      ),
    ).toThrow(/invalid webhook.published payload/);
  });
});

describe('relayRetryDelayMs', () => {
  it('doubles from 1 s and caps at 5 min', () => {
    expect([1, 2, 3].map(relayRetryDelayMs)).toEqual([1_000, 2_000, 4_000]);
    expect(relayRetryDelayMs(30)).toBe(300_000);
  });
});
