import { describe, expect, it } from 'vitest';
import { contentDisposition } from './disposition';

describe('contentDisposition', () => {
  it('names an ASCII file plainly and exactly', () => {
    expect(contentDisposition('attachment', 'report.pdf')).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
  });

  it('keeps quotes, backslashes and separators out of the quoted name', () => {
    const value = contentDisposition('inline', 'a"b\\c;d%e.txt');
    expect(value).toMatch(/^inline; filename="a_b_c_d_e\.txt"; /);
    expect(value).toContain(`filename*=UTF-8''a%22b%5Cc%3Bd%25e.txt`);
  });

  it('gives non-ASCII names an ASCII fallback and the exact name encoded', () => {
    const value = contentDisposition('attachment', 'Résumé 履歴書.pdf');
    expect(value).toContain('filename="Resume ___.pdf"');
    expect(value).toContain(`filename*=UTF-8''R%C3%A9sum%C3%A9%20%E5%B1%A5%E6%AD%B4%E6%9B%B8.pdf`);
    expect(value).not.toMatch(/[^\x20-\x7e]/);
  });
});
