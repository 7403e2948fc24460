import { describe, expect, it } from 'vitest';
import { AdminFlagDefinitionBody } from './admin-flags';
import { CreateApiKeyBody } from './api-keys';
import { PersonName, SignUpBody, UpdateProfileBody } from './auth';
import { StartImpersonationBody } from './impersonation';
import { CreateOrgBody, OrgName, UpdateOrgBody } from './organizations';
import {
  MULTI_LINE_MESSAGE,
  multiLineText,
  SINGLE_LINE_MESSAGE,
  singleLineText,
  toSingleLineText,
} from './text';

const ordinary = ['Zoë', 'مرحبا', '東京', 'Acme 🚀', "O'Brien-Smith", 'Ἀθῆναι', 'עברית', 'नमस्ते', '👩🏽‍💻'];
/** Every character the rule refuses, one per string, inside otherwise ordinary text. */
const refusedEverywhere = [
  ...['\u0000', '\u0001', '\t', '\r', '\u000B', '\u000C', '\u001B', '\u001F'],
  ...['\u007F', '\u0080', '\u0085', '\u009F'],
  ...['\u2028', '\u2029', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E'],
  ...['\u2066', '\u2067', '\u2068', '\u2069'],
].map((ch) => `a${ch}b`);

describe('singleLineText()', () => {
  const name = singleLineText({ max: 100 });

  it('accepts ordinary Unicode: accents, Arabic, CJK, emoji', () => {
    for (const value of ordinary) expect(name.parse(value), value).toBe(value);
  });

  it('refuses line breaks, control characters and bidi overrides with a clear message', () => {
    for (const value of ['a\r\nb', 'a\nb', 'a\u0000b', 'a\u202Eb', ...refusedEverywhere]) {
      const result = name.safeParse(value);
      expect(result.success, JSON.stringify(value)).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(SINGLE_LINE_MESSAGE);
    }
  });

  it('trims surrounding whitespace (line breaks included) before checking, and keeps min/max', () => {
    expect(name.parse('  Acme Inc \n')).toBe('Acme Inc');
    expect(name.safeParse('   ').success).toBe(false);
    expect(name.safeParse('x'.repeat(101)).success).toBe(false);
    expect(singleLineText({ min: 3, max: 5 }).safeParse('ab').success).toBe(false);
  });
});

describe('multiLineText()', () => {
  const reason = multiLineText({ min: 3, max: 500 });

  it('keeps \\n, turns CR LF and a lone CR into \\n, accepts ordinary Unicode', () => {
    expect(reason.parse('Ticket 42\nasked by Zoë')).toBe('Ticket 42\nasked by Zoë');
    expect(reason.parse('one\r\ntwo\rthree')).toBe('one\ntwo\nthree');
    for (const value of ordinary) expect(reason.parse(`${value} ok`)).toBe(`${value} ok`);
  });

  it('refuses every other control character', () => {
    for (const value of refusedEverywhere.filter((v) => v !== 'a\rb')) {
      const result = reason.safeParse(value);
      expect(result.success, JSON.stringify(value)).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(MULTI_LINE_MESSAGE);
    }
  });
});

describe('every human-entered name or text uses the rule', () => {
  const bad = 'Acme\r\nInc';

  it('person and organization names, API key names', () => {
    expect(PersonName.safeParse(bad).success).toBe(false);
    expect(OrgName.safeParse(bad).success).toBe(false);
    expect(PersonName.parse(' Zoë ')).toBe('Zoë');
    expect(OrgName.parse('東京 🚀')).toBe('東京 🚀');
    const signUp = { email: 'zoe@example.com', password: 'correct horse battery', locale: 'en' };
    expect(SignUpBody.safeParse({ ...signUp, name: bad }).success).toBe(false);
    expect(SignUpBody.safeParse({ ...signUp, name: 'مرحبا' }).success).toBe(true);
    expect(UpdateProfileBody.safeParse({ name: 'a\u202Eb', locale: 'en', timezone: 'UTC' }).success).toBe(
      false,
    );
    expect(CreateOrgBody.safeParse({ name: bad }).success).toBe(false);
    expect(UpdateOrgBody.safeParse({ name: 'a\u0000b' }).success).toBe(false);
    expect(CreateApiKeyBody.safeParse({ name: 'ci\ndeploy', scopes: ['members:read'] }).success).toBe(false);
    expect(CreateApiKeyBody.safeParse({ name: 'CI 🚀', scopes: ['members:read'] }).success).toBe(true);
  });

  it('the impersonation reason may span lines, nothing more', () => {
    expect(StartImpersonationBody.parse({ reason: 'Ticket 42\nlogin loop' }).reason).toBe(
      'Ticket 42\nlogin loop',
    );
    expect(StartImpersonationBody.safeParse({ reason: 'Ticket\u0000 42' }).success).toBe(false);
    expect(StartImpersonationBody.safeParse({ reason: 'Ticket \u202E42' }).success).toBe(false);
  });

  it('a flag description may span lines; a rule id and description may not', () => {
    const flag = {
      key: 'beta',
      description: 'Line one\nline two',
      rules: [{ id: 'staff', description: 'Staff' }],
    };
    expect(AdminFlagDefinitionBody.safeParse(flag).success).toBe(true);
    const issues = (value: object) =>
      AdminFlagDefinitionBody.safeParse(value).error?.issues.map((i) => i.path);
    expect(issues({ ...flag, description: 'a\u0000b' })).toEqual([['description']]);
    expect(issues({ ...flag, rules: [{ id: 'a\nb', description: 'x\u202Ey' }] })).toEqual([
      ['rules', 0, 'id'],
      ['rules', 0, 'description'],
    ]);
    // Anything else is FlagDefinition's to judge (in the API), not this schema's.
    expect(AdminFlagDefinitionBody.safeParse({ key: 'x', rules: 'nope', description: 42 }).success).toBe(
      true,
    );
  });
});

describe('toSingleLineText', () => {
  it('turns each run of refused characters into one space and keeps the rest', () => {
    expect(toSingleLineText('Dana\r\nEvil\u202Egnp')).toBe('Dana Evil gnp');
    expect(toSingleLineText('  Zoë 東京 🚀\u0000 ')).toBe('Zoë 東京 🚀');
    expect(toSingleLineText('\n\t')).toBe('');
  });
});
