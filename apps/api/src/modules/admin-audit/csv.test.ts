import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from './csv';
import { parseCsv } from './csv.test-support';

describe('csvField', () => {
  it('leaves plain values alone and writes null/undefined as empty', () => {
    expect(csvField('org.created')).toBe('org.created');
    expect(csvField('2026-01-02T03:04:05.000Z')).toBe('2026-01-02T03:04:05.000Z');
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('')).toBe('');
  });

  it('quotes fields with a comma, a quote, CR or LF, doubling the quotes (RFC 4180)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('{"before":null,"after":{"name":"Ada"}}')).toBe(
      '"{""before"":null,""after"":{""name"":""Ada""}}"',
    );
  });

  it('defuses formulas: =, +, -, @, tab and CR at the start get a leading quote', () => {
    expect(csvField('=HYPERLINK("http://evil.test","x")')).toBe('"\'=HYPERLINK(""http://evil.test"",""x"")"');
    expect(csvField('+1+1')).toBe("'+1+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    // The tab is a separator too, so the formula after it is defused as well.
    expect(csvField('\t=1')).toBe("'\t'=1");
    // CR also needs quoting, after the prefix.
    expect(csvField('\r=1')).toBe('"\'\r=1"');
    // Only the first character counts.
    expect(csvField('a=1')).toBe('a=1');
    expect(csvField(' =1')).toBe(' =1');
  });

  it('defuses formulas after a separator: `;`-locale spreadsheets split cells on it', () => {
    expect(csvField("x;=cmd|' /C calc'!A0;")).toBe("x;'=cmd|' /C calc'!A0;");
    expect(csvField('a;-1')).toBe("a;'-1");
    expect(csvField('a,@SUM(A1)')).toBe('"a,\'@SUM(A1)"');
  });
});

describe('csvLine', () => {
  it('joins with commas, ends with CRLF, and parses back to the (defused) values', () => {
    const values = ['x', 'a,b', 'q"q', 'multi\nline', '=1+1', null, '', 'ünïcødé', '-'];
    const line = csvLine(values);
    expect(line.endsWith('\r\n')).toBe(true);
    expect(parseCsv(line)).toEqual([['x', 'a,b', 'q"q', 'multi\nline', "'=1+1", '', '', 'ünïcødé', "'-"]]);
  });
});
