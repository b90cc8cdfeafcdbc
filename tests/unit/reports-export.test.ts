import { describe, expect, it } from 'vitest';
import { mdText } from '@/lib/reports/markdown';

describe('Markdown export', () => {
  it('escapes Markdown so data cannot form links, HTML or extra table cells', () => {
    expect(mdText('[click](http://evil)')).toBe('\\[click\\](http://evil)');
    expect(mdText('a | b')).toBe('a \\| b');
    expect(mdText('<img src=x>')).toBe('\\<img src=x\\>');
    expect(mdText('line1\nline2')).toBe('line1 line2');
    expect(mdText('*bold* _it_ `code`')).toBe('\\*bold\\* \\_it\\_ \\`code\\`');
  });
});
