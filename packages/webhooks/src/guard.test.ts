import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { checkUrl, checkUrlShape, guardPolicy, UrlRefusedError } from './guard';

const strict = guardPolicy({});
/** A resolver answering from a table, so names can point anywhere without real DNS. */
const table =
  (entries: Record<string, string[]>) =>
  async (host: string): Promise<LookupAddress[]> => {
    const found = entries[host];
    if (!found) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
const dns = table({
  'hooks.example.com': ['93.184.215.14'],
  'rebind.example.com': ['127.0.0.1'],
  'split.example.com': ['93.184.215.14', '10.0.0.8'],
  'metadata.example.com': ['169.254.169.254'],
  'v6.example.com': ['2606:4700:4700::1111'],
  'mapped.example.com': ['::ffff:192.168.0.1'],
});

async function refusal(url: string, policy = strict) {
  try {
    await checkUrl(url, policy, dns);
  } catch (error) {
    if (error instanceof UrlRefusedError) return { reason: error.reason, detail: error.detail };
    throw error;
  }
  return null;
}

describe('checkUrl', () => {
  it('accepts https URLs whose every address is public', async () => {
    expect((await checkUrl('https://hooks.example.com/in?x=1', strict, dns)).pathname).toBe('/in');
    expect(await refusal('https://v6.example.com/')).toBeNull();
    expect(await refusal('https://93.184.215.14:8443/')).toBeNull();
  });

  it('refuses plain http unless configuration allows it', async () => {
    expect(await refusal('http://hooks.example.com/')).toMatchObject({ reason: 'scheme_not_allowed' });
    expect(await refusal('http://hooks.example.com/', guardPolicy({ allowHttp: true }))).toBeNull();
    expect(await refusal('ftp://hooks.example.com/')).toMatchObject({ reason: 'scheme_not_allowed' });
    expect(await refusal('file:///etc/passwd')).toMatchObject({ reason: 'scheme_not_allowed' });
  });

  it('refuses garbage and credentials', async () => {
    expect(await refusal('hooks.example.com/in')).toMatchObject({ reason: 'invalid_url' });
    expect(await refusal('https://user:pw@hooks.example.com/')).toMatchObject({
      reason: 'credentials_in_url',
    });
  });

  it.each([
    ['https://127.0.0.1/', 'loopback'],
    ['https://[::1]/', 'loopback'],
    ['https://[::ffff:127.0.0.1]/', 'loopback'],
    ['https://0x7f.1/', 'loopback'], // the URL parser normalises hex and short forms
    ['https://2130706433/', 'loopback'],
    ['https://10.1.2.3/', 'private'],
    ['https://100.100.1.1/', 'carrierGradeNat'],
    ['https://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['https://0.0.0.0/', 'unspecified'],
    ['https://[fd00:ec2::254]/', 'uniqueLocal'],
    ['https://[fe80::1]/', 'linkLocal'],
    ['https://224.0.0.1/', 'multicast'],
    ['https://rebind.example.com/', 'loopback'],
    ['https://metadata.example.com/', 'linkLocal'],
    ['https://mapped.example.com/', 'private'],
  ])('refuses %s (%s)', async (url, range) => {
    const refused = await refusal(url);
    expect(refused?.reason).toBe('address_not_allowed');
    expect(refused?.detail).toContain(range);
  });

  it('refuses a name when any one of its addresses is private', async () => {
    expect(await refusal('https://split.example.com/')).toMatchObject({
      reason: 'address_not_allowed',
      detail: 'split.example.com resolves to 10.0.0.8, a private address',
    });
  });

  it('refuses names that do not resolve', async () => {
    expect(await refusal('https://nowhere.example.com/')).toMatchObject({ reason: 'unresolvable_host' });
  });

  it('lets an allow-listed subnet through, and only it', async () => {
    const selfHosted = guardPolicy({ allowCidrs: ['10.0.0.0/24'] });
    expect(await refusal('https://split.example.com/', selfHosted)).toBeNull();
    expect(await refusal('https://10.0.1.1/', selfHosted)).toMatchObject({ reason: 'address_not_allowed' });
  });

  it('checks the shape synchronously for forms', () => {
    expect(() => checkUrlShape('javascript:alert(1)', strict)).toThrow(UrlRefusedError);
    expect(checkUrlShape('https://hooks.example.com', strict).hostname).toBe('hooks.example.com');
  });
});
