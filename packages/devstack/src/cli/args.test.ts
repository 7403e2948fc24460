import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';

describe('parseArgs', () => {
  it('defaults to building and persistent data', () => {
    expect(parseArgs(['start'])).toEqual({
      mode: 'start',
      build: true,
      ephemeral: false,
      writeUrls: undefined,
    });
  });

  it('reads the flags in both --flag value and --flag=value forms', () => {
    expect(parseArgs(['start', '--no-build', '--ephemeral', '--write-urls', '/tmp/u.json'])).toEqual({
      mode: 'start',
      build: false,
      ephemeral: true,
      writeUrls: '/tmp/u.json',
    });
    expect(parseArgs(['dev', '--write-urls=/tmp/v.json']).writeUrls).toBe('/tmp/v.json');
  });

  it('rejects unknown modes and flags with the usage text', () => {
    expect(() => parseArgs([])).toThrow(/Usage: cli.ts <dev\|start>/);
    expect(() => parseArgs(['serve'])).toThrow(/Usage/);
    expect(() => parseArgs(['dev', '--verbose'])).toThrow(/Unknown argument: --verbose/);
    expect(() => parseArgs(['dev', '--write-urls'])).toThrow(/Unknown argument: --write-urls/);
  });
});
