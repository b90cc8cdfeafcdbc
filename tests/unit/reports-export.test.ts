import { describe, expect, it } from 'vitest';
import { neutraliseCell } from '@/lib/reports/csv';
import { mdText } from '@/lib/reports/markdown';

describe('export cells', () => {
  it('neutralises spreadsheet formulas in text but keeps numbers', () => {
    expect(neutraliseCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(neutraliseCell('+1')).toBe("'+1");
    expect(neutraliseCell('-cmd')).toBe("'-cmd");
    expect(neutraliseCell('@x')).toBe("'@x");
    expect(neutraliseCell('\tx')).toBe("'\tx");
    expect(neutraliseCell('Bannu')).toBe('Bannu');
    expect(neutraliseCell(-3.5)).toBe(-3.5);
    expect(neutraliseCell(null)).toBe('');
    expect(neutraliseCell(true)).toBe('true');
  });

  it('escapes Markdown so data cannot form links, HTML or extra table cells', () => {
    expect(mdText('[click](http://evil)')).toBe('\\[click\\](http://evil)');
    expect(mdText('a | b')).toBe('a \\| b');
    expect(mdText('<img src=x>')).toBe('\\<img src=x\\>');
    expect(mdText('line1\nline2')).toBe('line1 line2');
    expect(mdText('*bold* _it_ `code`')).toBe('\\*bold\\* \\_it\\_ \\`code\\`');
  });
});
