import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  matchesEventFilter,
  WEBHOOK_EVENT_TYPES,
  WebhookEventCatalog,
  WebhookEventFilter,
} from './webhook-events';

describe('the webhook event catalog', () => {
  it('has a valid example for every type', () => {
    for (const [type, entry] of Object.entries(WebhookEventCatalog)) {
      expect(entry.data.safeParse(entry.example).success, type).toBe(true);
      expect(entry.version, type).toBeGreaterThanOrEqual(1);
    }
  });

  it('is documented, every type of it', () => {
    const doc = readFileSync(new URL('../../../docs/webhooks.md', import.meta.url), 'utf8');
    for (const type of WEBHOOK_EVENT_TYPES) expect(doc, type).toContain(`| \`${type}\``);
  });
});

describe('event filters', () => {
  it('accept exact types, family wildcards and *', () => {
    for (const ok of ['*', 'member.*', 'api_key.rotated'])
      expect(WebhookEventFilter.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['member', 'nope.*', 'member.joined', '*.added', '']) {
      expect(WebhookEventFilter.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('match by exact type, by family and by *, but never webhook.test', () => {
    expect(matchesEventFilter(['member.*'], 'member.added')).toBe(true);
    expect(matchesEventFilter(['member.*'], 'organization.updated')).toBe(false);
    expect(matchesEventFilter(['organization.updated'], 'organization.updated')).toBe(true);
    expect(matchesEventFilter(['*'], 'api_key.created')).toBe(true);
    expect(matchesEventFilter(['*', 'webhook.*'], 'webhook.test')).toBe(false);
  });
});
