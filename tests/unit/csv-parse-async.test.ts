import { describe, expect, it } from 'vitest';
import { forEachCsvRecord, forEachCsvRecordAsync, type CsvRecord } from '@/lib/csv/parse';

const opts = { columnKey: (h: string) => h.toLowerCase() || null, required: ['id', 'name'], unknown: 'error' as const };

async function both(text: string) {
  const sync: CsvRecord[] = [];
  const async: CsvRecord[] = [];
  const a = forEachCsvRecord(text, opts, (r) => sync.push(r));
  const b = await forEachCsvRecordAsync(text, opts, (r) => async.push(r));
  return { sync, async, a, b };
}

describe('forEachCsvRecordAsync', () => {
  it('gives the same records and errors as the sync reader across slice boundaries', async () => {
    // > 1 MB, so the 256 KB slices split quoted newlines, CRLF and astral characters.
    const rows = Array.from({ length: 6000 }, (_, i) => `${i},"naïve 🚀 ${'x'.repeat(i % 300)}\r\nline ""${i}"""`);
    const text = `\uFEFFid,name\r\n${rows.join('\r\n')}\r\n7,a,b\r\n`;
    const { sync, async, a, b } = await both(text);
    expect(async).toEqual(sync);
    expect(b).toEqual(a);
    expect(sync).toHaveLength(6000);
    expect(sync.every((r) => r.values.name.includes('🚀'))).toBe(true);
    expect(a.errors).toEqual([{ row: 6002, column: '', message: 'has 3 cells but the header has 2' }]);
  });
  it('reports malformed CSV and empty input like the sync reader', async () => {
    for (const text of ['id,name\n1,"open\n', '']) {
      const { a, b } = await both(text);
      expect(b.errors).toHaveLength(1);
      expect(b.errors[0].message).toBe(a.errors[0].message);
    }
  });
});
