import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { parseJsonBody } from './json-guard';

function rejection(text: string) {
  try {
    parseJsonBody(text, { maxDepth: 8, maxKeys: 20 });
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a rejection');
}

describe('parseJsonBody', () => {
  it('parses ordinary JSON', () => {
    expect(parseJsonBody('{"a":[1,"x",{"b":null}],"c":"é😀"}')).toEqual({
      a: [1, 'x', { b: null }],
      c: 'é😀',
    });
  });

  it('rejects empty and malformed bodies as invalid_json', () => {
    expect(rejection('  ').code).toBe('invalid_json');
    expect(rejection('{"a":').code).toBe('invalid_json');
  });

  it('rejects nesting deeper than the limit without parsing it', () => {
    expect(rejection(`${'['.repeat(100_000)}${']'.repeat(100_000)}`).detail).toMatch(/nested/);
    expect(parseJsonBody(`${'['.repeat(8)}${']'.repeat(8)}`, { maxDepth: 8, maxKeys: 20 })).toBeDefined();
  });

  it('ignores brackets and colons inside strings when measuring', () => {
    const text = JSON.stringify({ a: '[[[[[[[[[[[[:::::::::::::::::::::::::::::::]]' });
    expect(parseJsonBody(text, { maxDepth: 2, maxKeys: 1 })).toEqual(JSON.parse(text));
    expect(parseJsonBody('{"a":"\\"[[[[[[[[[["}', { maxDepth: 1, maxKeys: 1 })).toEqual({ a: '"[[[[[[[[[[' });
  });

  it('rejects too many keys', () => {
    const many = `{${Array.from({ length: 21 }, (_, i) => `"k${i}":1`).join(',')}}`;
    expect(rejection(many).detail).toMatch(/too many keys/);
  });

  it('rejects __proto__ and constructor.prototype', () => {
    expect(rejection('{"__proto__":{"polluted":true}}').code).toBe('bad_request');
    expect(rejection('{"a":{"constructor":{"prototype":{"polluted":true}}}}').code).toBe('bad_request');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects NUL characters and lone surrogates in values and keys', () => {
    expect(rejection('{"a":"x\\u0000y"}').detail).toMatch(/NUL/);
    expect(rejection('{"a\\u0000":"x"}').detail).toMatch(/NUL/);
    expect(rejection('{"a":["\\ud800"]}').detail).toMatch(/surrogate/);
    expect(rejection('{"a":"\\udc00x"}').detail).toMatch(/surrogate/);
    expect(parseJsonBody('{"a":"\\ud83d\\ude00"}')).toEqual({ a: '😀' });
  });
});
