import { describe, expect, it } from 'vitest';
import { decodeReportCursor, encodeReportCursor, reportListQuery, reportPasteSchema } from '@/lib/validation/report-queries';

describe('the reports queue query', () => {
  it('round-trips its opaque cursor and refuses anything else', () => {
    for (const id of [1, 42, 99_999, Number.MAX_SAFE_INTEGER]) expect(decodeReportCursor(encodeReportCursor(id))).toBe(id);
    for (const bad of ['', '12', 'r', 'r-1', 'r0', 'R12', 'r12 ', 'rzzzzzzzzzzzz']) expect(decodeReportCursor(bad)).toBeNull();
  });

  it('defaults the page to 50 and accepts limit=0 (count only) up to 200', () => {
    expect(reportListQuery.parse({})).toEqual({ limit: 50 });
    expect(reportListQuery.parse({ limit: '0', status: 'new', region: 'none', sourceId: '3' })).toEqual({
      limit: 0,
      status: 'new',
      region: 'none',
      sourceId: 3,
    });
    expect(reportListQuery.safeParse({ limit: '201' }).success).toBe(false);
    expect(reportListQuery.safeParse({ sourceId: '0' }).success).toBe(false);
  });
});

describe('a pasted report', () => {
  it('keeps the text as written and turns empty optional fields into null', () => {
    expect(reportPasteSchema.parse({ text: ' QUETTA: … ', title: ' ', url: '', sourceName: 'Dawn' })).toEqual({
      text: ' QUETTA: … ',
      title: null,
      url: null,
      publishedAt: null,
      sourceName: 'Dawn',
    });
  });

  it('takes only http(s) URLs and ISO dates', () => {
    expect(reportPasteSchema.safeParse({ text: 'x', url: 'file:///etc/passwd' }).success).toBe(false);
    expect(reportPasteSchema.safeParse({ text: 'x', url: 'https://www.dawn.com/news/1' }).success).toBe(true);
    expect(reportPasteSchema.safeParse({ text: 'x', publishedAt: '2025-10-08' }).success).toBe(true);
    expect(reportPasteSchema.safeParse({ text: 'x', publishedAt: '2025-10-08T05:10:00Z' }).success).toBe(true);
    expect(reportPasteSchema.safeParse({ text: 'x', publishedAt: '8 Oct 2025' }).success).toBe(false);
  });
});
