import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachCsvRecord, type CsvRecord } from '@/lib/csv/parse';
import { firstLineEnding, forEachPlainCsvRecord, forEachPlainCsvRecordAsync } from '@/lib/csv/fast-parse';

const opts = { columnKey: (h: string) => h || null, required: [], unknown: 'keep' as const };

function reference(text: string) {
  const records: CsvRecord[] = [];
  return { records, ...forEachCsvRecord(text, opts, (r) => records.push(r)) };
}
function fast(text: string) {
  const records: CsvRecord[] = [];
  const result = forEachPlainCsvRecord(text, opts, (r) => records.push(r));
  return result && { records, ...result };
}

const quoteIfNeeded = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
const cell = fc.array(fc.constantFrom('a', 'é', '🚀', ' ', ',', '"', '\r', '\n'), { maxLength: 6 }).map((xs) => xs.join(''));
const table = fc.record({
  header: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,4}$/), { minLength: 1, maxLength: 4 }),
  rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 8 }),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  finalEol: fc.boolean(),
});

describe('forEachPlainCsvRecord (Papa Parse)', () => {
  it('reads every well-formed file, with the same records and errors as csv-parse', () => {
    fc.assert(
      fc.property(table, ({ header, rows, eol, bom, finalEol }) => {
        const text = (bom ? '\uFEFF' : '') + [header, ...rows].map((r) => r.map(quoteIfNeeded).join(',')).join(eol) + (finalEol ? eol : '');
        const got = fast(text);
        expect(got).not.toBeNull();
        expect(got).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('on any text, either gives up or agrees with csv-parse', () => {
    const messy = fc
      .array(fc.constantFrom('a', 'b', ',', '"', '\r', '\n', '\r\n', ' ', '\uFEFF', '\uD800'), { maxLength: 14 })
      .map((xs) => xs.join(''));
    fc.assert(
      fc.property(messy, (text) => {
        const got = fast(text);
        if (got) expect(got).toEqual(reference(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads in turns (async) with the same records as in one go, across quoted line breaks', async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => `${i},"naïve 🚀 ${'x'.repeat(i % 50)}\r\nline ""${i}"""`);
    const text = `\uFEFFid,name\r\n${rows.join('\r\n')}\r\n\r\n7,a,b\r\n`;
    const records: CsvRecord[] = [];
    const result = await forEachPlainCsvRecordAsync(text, opts, (r) => records.push(r));
    expect({ records, ...result }).toEqual(reference(text));
    expect(records).toHaveLength(12_000);
    expect(await forEachPlainCsvRecordAsync(`id,name\n${'1,ok\n'.repeat(9000)}2,"a"b\n`, opts, () => {})).toBeNull();
  });

  it('gives up on the quoting errors csv-parse rejects', () => {
    for (const text of ['id,name\n1,a"b\n', 'id,name\n1,"ab" \n', 'id,name\n1,"open\n', 'id,name\n1, "x"\n']) {
      expect(fast(text)).toBeNull();
      expect(reference(text).errors[0].message).toMatch(/malformed CSV/);
    }
  });

  it('uses the first line ending outside quotes, like csv-parse', () => {
    expect(firstLineEnding('a,"x\ny"\r\nb')).toBe('\r\n');
    expect(firstLineEnding('a\rb\r\n')).toBe('\r');
    expect(firstLineEnding('a,b')).toBe('\n');
    const text = 'id,name\r\n1,"two\nlines"\r\n2,b\nc\r\n';
    expect(fast(text)).toEqual(reference(text));
    expect(reference(text).records.map((r) => r.values.name)).toEqual(['two\nlines', 'b\nc']);
  });
});
