import { describe, expect, it } from 'vitest';
import { requestMeta, USER_AGENT_MAX } from './request-meta';

describe('requestMeta', () => {
  it('takes ip and request id from Fastify and bounds the user agent', () => {
    const meta = requestMeta({ ip: '203.0.113.9', id: 'req-1', headers: { 'user-agent': 'x'.repeat(2000) } });
    expect(meta.ip).toBe('203.0.113.9');
    expect(meta.requestId).toBe('req-1');
    expect(meta.userAgent).toHaveLength(USER_AGENT_MAX);
  });

  it('stores no user agent rather than an empty one', () => {
    expect(requestMeta({ ip: '::1', id: 'r', headers: {} }).userAgent).toBeNull();
    expect(requestMeta({ ip: '::1', id: 'r', headers: { 'user-agent': '  ' } }).userAgent).toBeNull();
  });
});
