import { generateSecret, signatureHeaders } from '@repo/webhooks';
import { describe, expect, it } from 'vitest';
import type { CaughtRequest } from './store';
import { eventTypeOf, signatureVerdict, simulatedStatus, toView } from './view';

const secret = generateSecret();
const body = JSON.stringify({ id: 'evt_1', type: 'member.added', data: {} });

function caught(headers: Record<string, string>, raw = body): CaughtRequest {
  return {
    id: '1',
    receivedAt: '2026-12-07T10:00:00.000Z',
    method: 'POST',
    path: '/hooks/acme',
    headers,
    body: raw,
    status: 204,
  };
}

const signed = (secrets: string[], raw = body) =>
  caught(signatureHeaders(secrets, { id: 'msg_1', timestamp: 1_765_000_000, body: raw }));

describe('signatureVerdict', () => {
  it('is valid when a registered secret signed exactly this body', () => {
    expect(signatureVerdict(signed([secret]), [secret])).toBe('valid');
    // A rotation: the receiver knows only the new secret, the sender signs with both.
    expect(signatureVerdict(signed([secret, generateSecret()]), [secret])).toBe('valid');
    expect(signatureVerdict(signed([generateSecret()]), [generateSecret(), secret])).toBe('invalid');
  });

  it('is invalid for a tampered body, a wrong secret or missing headers', () => {
    const request = signed([secret]);
    expect(signatureVerdict({ ...request, body: body.replace('member', 'memb3r') }, [secret])).toBe(
      'invalid',
    );
    expect(signatureVerdict(request, [generateSecret()])).toBe('invalid');
    expect(signatureVerdict(caught({}), [secret])).toBe('invalid');
    const { 'webhook-timestamp': _dropped, ...noTimestamp } = request.headers;
    expect(signatureVerdict(caught(noTimestamp), [secret])).toBe('invalid');
  });

  it('is unknown, never valid, when no secret is registered for the path', () => {
    expect(signatureVerdict(signed([secret]), [])).toBe('unknown');
    expect(signatureVerdict(caught({}), [])).toBe('unknown');
  });
});

describe('toView', () => {
  it('adds the event type, the webhook id and the verdict', () => {
    expect(toView(signed([secret]), [secret])).toMatchObject({
      eventType: 'member.added',
      webhookId: 'msg_1',
      signature: 'valid',
      path: '/hooks/acme',
      body,
    });
    expect(toView(caught({}, 'plain text'), [])).toMatchObject({
      eventType: null,
      webhookId: null,
      signature: 'unknown',
    });
  });

  it('reads the type only from a JSON object with a string type', () => {
    expect(eventTypeOf('{"type":"user.created"}')).toBe('user.created');
    expect(eventTypeOf('{"type":3}')).toBeNull();
    expect(eventTypeOf('[]')).toBeNull();
    expect(eventTypeOf('not json')).toBeNull();
  });
});

describe('simulatedStatus', () => {
  it('answers 204 unless ?status= asks for a status from 200 to 599', () => {
    const status = (query: string) => simulatedStatus(new URLSearchParams(query));
    expect(status('')).toBe(204);
    expect(status('status=500')).toBe(500);
    expect(status('status=410')).toBe(410);
    expect(status('status=200')).toBe(200);
    expect(status('status=302')).toBe(302);
    expect(status('status=199')).toBe(204);
    expect(status('status=600')).toBe(204);
    expect(status('status=abc')).toBe(204);
  });
});
