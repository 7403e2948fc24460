import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateSecret, isSecret, sign, signatureHeaders, verifySignature } from './signature';

const message = { id: 'msg_2ZyQ', timestamp: 1_765_000_000, body: '{"type":"webhook.test"}' };
/** The reference library refuses timestamps more than five minutes from its clock. */
const fresh = () => ({ ...message, timestamp: Math.floor(Date.now() / 1000) });

describe('Standard Webhooks signatures', () => {
  it('are verified by the reference library', () => {
    const secret = generateSecret();
    const headers = signatureHeaders([secret], fresh());
    const payload = new Webhook(secret).verify(message.body, headers);
    expect(payload).toEqual({ type: 'webhook.test' });
    const forged = {
      ...headers,
      'webhook-signature': signatureHeaders([generateSecret()], fresh())['webhook-signature'],
    };
    expect(() => new Webhook(secret).verify(message.body, forged)).toThrow();
  });

  it('match the reference library byte for byte', () => {
    const secret = generateSecret();
    const reference = new Webhook(secret).sign(message.id, new Date(message.timestamp * 1000), message.body);
    expect(sign(secret, message)).toBe(reference);
  });

  it('carry one signature per secret during a rotation overlap, each verifiable alone', () => {
    const [previous, next] = [generateSecret(), generateSecret()];
    const headers = signatureHeaders([next, previous], message);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verifySignature(previous, message, headers['webhook-signature'])).toBe(true);
    expect(verifySignature(next, message, headers['webhook-signature'])).toBe(true);
    expect(verifySignature(generateSecret(), message, headers['webhook-signature'])).toBe(false);
  });

  it('fail for a changed body, id or timestamp', () => {
    const secret = generateSecret();
    const header = sign(secret, message);
    expect(verifySignature(secret, { ...message, body: `${message.body} ` }, header)).toBe(false);
    expect(verifySignature(secret, { ...message, id: 'msg_other' }, header)).toBe(false);
    expect(verifySignature(secret, { ...message, timestamp: message.timestamp + 1 }, header)).toBe(false);
  });

  it('need a whsec_ secret', () => {
    expect(isSecret(generateSecret())).toBe(true);
    expect(isSecret('whsec_c2hvcnQ=')).toBe(false);
    expect(isSecret('sk_live_abc')).toBe(false);
    expect(() => sign('nope', message)).toThrow(/whsec_/);
    expect(() => signatureHeaders([], message)).toThrow();
  });
});
